import { problem, type PathSegment, type Problem } from '../topology/problem';
import { isReservedKey, reservedKeyProblem } from '../topology/reserved-keys';

/** Collects import problems; each names the Compose field path it is about. */
export class ImportContext {
  readonly problems: Problem[] = [];

  /** Something Compose says that the topology cannot hold: reported, never dropped silently. */
  unsupported(path: PathSegment[], message: string): void {
    this.problems.push(problem('COMPOSE_UNSUPPORTED', message, path, nodeOf(path)));
  }

  /** Kept, in an equivalent form the person may not expect. */
  converted(path: PathSegment[], message: string): void {
    this.problems.push(problem('COMPOSE_CONVERTED', message, path, nodeOf(path)));
  }

  invalid(path: PathSegment[], message: string): void {
    this.problems.push(problem('COMPOSE_INVALID', message, path, nodeOf(path)));
  }
}

function nodeOf(path: PathSegment[]): { nodeId?: string } {
  const [section, key] = path;
  return section === 'services' && typeof key === 'string' ? { nodeId: key } : {};
}

export type RawMap = Record<string, unknown>;

export function isRecord(value: unknown): value is RawMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Compose accepts numbers and booleans where strings are meant (`PORT: 8000`). */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return undefined;
}

export function stringList(value: unknown, path: PathSegment[], ctx: ImportContext): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  list.forEach((item, i) => {
    const text = scalarText(item);
    if (text === undefined) ctx.invalid([...path, i], `Expected a string at ${[...path, i].join('.')}.`);
    else out.push(text);
  });
  return out;
}

/** `[K=V, K2]` or `{K: V}` -> map; a bare `K` (or a null value) maps to null. */
export function keyValueMap(
  value: unknown,
  path: PathSegment[],
  ctx: ImportContext,
  separator = '=',
): Record<string, string | null> | undefined {
  if (value === undefined || value === null) return undefined;
  const out: Record<string, string | null> = {};
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const text = scalarText(item);
      if (text === undefined)
        return ctx.invalid([...path, i], `Expected "KEY${separator}value" at ${[...path, i].join('.')}.`);
      const at = text.indexOf(separator);
      const key = at === -1 ? text : text.slice(0, at);
      if (isReservedKey(key))
        ctx.problems.push(reservedKeyProblem(key, [...path, i], nodeOf([...path, i]).nodeId));
      else out[key] = at === -1 ? null : text.slice(at + 1);
    });
    return out;
  }
  if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      out[key] = item === null ? null : (scalarText(item) ?? null);
      if (item !== null && scalarText(item) === undefined)
        ctx.invalid([...path, key], `Expected a plain value at ${[...path, key].join('.')}.`);
    }
    return out;
  }
  ctx.invalid(path, `Expected a list or a mapping at ${path.join('.')}.`);
  return undefined;
}

/** Like keyValueMap, for fields whose null values mean nothing (labels, sysctls). */
export function stringMap(
  value: unknown,
  path: PathSegment[],
  ctx: ImportContext,
): Record<string, string> | undefined {
  const map = keyValueMap(value, path, ctx);
  if (map === undefined) return undefined;
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, v ?? '']));
}

export function optionalBoolean(
  value: unknown,
  path: PathSegment[],
  ctx: ImportContext,
): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  ctx.invalid(path, `Expected true or false at ${path.join('.')}.`);
  return undefined;
}

export function optionalInt(value: unknown, path: PathSegment[], ctx: ImportContext): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n)) return n;
  ctx.invalid(path, `Expected a whole number at ${path.join('.')}.`);
  return undefined;
}

/** Durations are strings in Compose; a bare number is read as seconds, and said so. */
export function durationText(value: unknown, path: PathSegment[], ctx: ImportContext): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    ctx.converted(path, `${path.join('.')}: the number ${value} was read as ${value}s.`);
    return `${value}s`;
  }
  return scalarText(value);
}

/** Reports the keys of a mapping that the importer does not know. */
export function reportUnknownKeys(
  map: RawMap,
  known: ReadonlySet<string>,
  path: PathSegment[],
  ctx: ImportContext,
  what: string,
): void {
  for (const key of Object.keys(map)) {
    if (!known.has(key) && !key.startsWith('x-')) {
      ctx.unsupported(
        [...path, key],
        `${what}: "${key}" has no equivalent in a Dockwright topology and was not imported.`,
      );
    }
  }
}

export function extensionsOf(map: RawMap, skip: string[] = []): Record<string, unknown> | undefined {
  const entries = Object.entries(map).filter(([key]) => key.startsWith('x-') && !skip.includes(key));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
