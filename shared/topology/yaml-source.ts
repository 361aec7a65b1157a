import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { problem, type PathSegment, type Problem } from './problem';
import { scanText } from './yaml-prescan';

export interface YamlLimits {
  /** Largest accepted document, in bytes of UTF-8. */
  readonly maxBytes: number;
  /** Deepest accepted nesting of mappings and sequences. */
  readonly maxDepth: number;
  /** yaml's guard against alias expansion ("billion laughs"). */
  readonly maxAliasCount: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxBytes: 5 * 1024 * 1024, maxDepth: 100, maxAliasCount: 100 };

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A parsed YAML text that can say where a field path came from. */
export class YamlSource {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  locate(path: readonly PathSegment[]): SourcePosition | undefined {
    let node: unknown = this.doc.contents;
    let found: Node | undefined = isNodeWithRange(node) ? node : undefined;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(this.doc);
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        break;
      }
      if (!isNodeWithRange(node)) break;
      found = node;
    }
    const offset = found?.range?.[0];
    if (offset === undefined) return undefined;
    const pos = this.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  /** Adds line and column to problems that have a path but no position yet. */
  locateAll(problems: readonly Problem[], mapPath: (path: readonly PathSegment[]) => readonly PathSegment[] = (p) => p): Problem[] {
    return problems.map((p) => {
      if (p.line !== undefined) return p;
      const pos = this.locate(mapPath(p.path));
      return pos ? { ...p, line: pos.line, column: pos.column } : p;
    });
  }
}

function isNodeWithRange(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

export type ReadYamlResult =
  | { readonly ok: true; readonly value: unknown; readonly source: YamlSource }
  | { readonly ok: false; readonly problems: Problem[] };

/**
 * Parses untrusted YAML. Size, binary content and nesting are checked on the raw text before the
 * parser sees it, because yaml's recursive composer overflows the stack (or worse, exhausts memory
 * while formatting the error) on documents nested a few hundred levels deep.
 */
export function readYaml(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): ReadYamlResult {
  const scanned = scanText(text, limits);
  if (scanned) return { ok: false, problems: [scanned] };

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, merge: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.slice(0, 20).map((error) => {
        const pos = error.linePos?.[0];
        const duplicate = error.code === 'DUPLICATE_KEY';
        const message = duplicate
          ? 'A mapping has the same key twice; YAML requires keys to be unique.'
          : `Not valid YAML: ${firstLine(error.message)}`;
        const found = problem(duplicate ? 'YAML_DUPLICATE_KEY' : 'YAML_SYNTAX', message, []);
        return pos ? { ...found, line: pos.line, column: pos.col } : found;
      }),
    };
  }
  try {
    const value: unknown = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    return { ok: true, value, source: new YamlSource(doc, lines) };
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      return {
        ok: false,
        problems: [
          problem(
            /Excessive/.test(error.message) ? 'YAML_ALIAS_LIMIT' : 'YAML_SYNTAX',
            /Excessive/.test(error.message)
              ? `Refused: the document expands aliases more than ${limits.maxAliasCount} times (a resource exhaustion attack or a runaway anchor).`
              : `Not valid YAML: ${firstLine(error.message)}`,
            [],
          ),
        ],
      };
    }
    if (error instanceof RangeError) {
      return { ok: false, problems: [problem('INPUT_TOO_DEEP', 'Refused: the document is nested too deeply to read.', [])] };
    }
    throw error;
  }
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
