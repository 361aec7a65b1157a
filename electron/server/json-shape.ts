export type JsonShapeVerdict =
  { ok: true } | { ok: false; reason: 'too-deep' | 'too-many-entries' | 'too-many-members'; limit: number };

export interface JsonShapeLimits {
  readonly maxDepth: number;
  readonly maxEntries: number;
  /** Members of one object: parsing one object with many keys costs more than its share. */
  readonly maxObjectMembers: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * One linear pass over UTF-8 JSON text, before it is parsed: `JSON.parse` of 600,000 keys costs
 * seconds, this pass milliseconds. It does not validate the JSON (the parser does that after),
 * it only bounds the work the parser and the contract's schemas will do. Counted as entries:
 * every container, every object member (its `:`) and every array item after the first (its `,`).
 * Multi-byte UTF-8 sequences never contain these ASCII bytes, so scanning bytes is exact.
 */
export function checkJsonShape(bytes: Uint8Array, limits: JsonShapeLimits): JsonShapeVerdict {
  // Whether each open container is an array, and each open object's members so far; the stack
  // is bounded by maxDepth.
  const isArray = new Uint8Array(limits.maxDepth + 1);
  const members = new Uint32Array(limits.maxDepth + 1);
  let depth = 0;
  let entries = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (inString) {
      if (byte === BACKSLASH) index++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    switch (byte) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        depth++;
        if (depth > limits.maxDepth) return { ok: false, reason: 'too-deep', limit: limits.maxDepth };
        isArray[depth] = byte === OPEN_ARRAY ? 1 : 0;
        members[depth] = 0;
        entries++;
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        if (depth > 0) depth--;
        break;
      case COLON:
        entries++;
        members[depth] = (members[depth] ?? 0) + 1;
        if ((members[depth] ?? 0) > limits.maxObjectMembers) {
          return { ok: false, reason: 'too-many-members', limit: limits.maxObjectMembers };
        }
        break;
      case COMMA:
        if (isArray[depth] === 1) entries++;
        break;
      default:
        continue;
    }
    if (entries > limits.maxEntries) {
      return { ok: false, reason: 'too-many-entries', limit: limits.maxEntries };
    }
  }
  return { ok: true };
}

/** The sentence a refusal carries. */
export function describeJsonShape(verdict: Exclude<JsonShapeVerdict, { ok: true }>): string {
  if (verdict.reason === 'too-deep') return `request is nested deeper than ${verdict.limit} levels`;
  if (verdict.reason === 'too-many-members')
    return `an object in the request has more than ${verdict.limit} members`;
  return `request has more than ${verdict.limit} members and items`;
}
