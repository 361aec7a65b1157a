import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type ScalarTag,
} from 'yaml';
import { problem, type PathSegment, type Problem } from './problem';
import { scanText } from './yaml-prescan';

export interface YamlLimits {
  /** Largest accepted document, in bytes of UTF-8. */
  readonly maxBytes: number;
  /** Deepest accepted nesting of mappings and sequences. */
  readonly maxDepth: number;
  /** yaml's guard against alias expansion ("billion laughs"). */
  readonly maxAliasCount: number;
  /** Values in the document with every alias expanded, which is what later walks visit. */
  readonly maxExpandedNodes: number;
}

/*
 * yaml counts each `<<: *defaults` as an alias use, so its default of 100 refuses ordinary compose
 * files with a hundred services sharing a fragment. Its guard is raised, and the real bound is
 * the expanded size of the document (checked after parsing, in one bounded walk).
 */
export const DEFAULT_YAML_LIMITS: YamlLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxDepth: 100,
  maxAliasCount: 10_000,
  maxExpandedNodes: 2_000_000,
};

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
    for (const [i, segment] of path.entries()) {
      if (isAlias(node)) node = node.resolve(this.doc);
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (!pair) break;
        // A field is shown at its key: that is where an editor puts the squiggle.
        if (i === path.length - 1 && isNodeWithRange(pair.key)) {
          found = pair.key;
          break;
        }
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
  locateAll(
    problems: readonly Problem[],
    mapPath: (path: readonly PathSegment[]) => readonly PathSegment[] = (p) => p,
  ): Problem[] {
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

/*
 * `mode: 0400` is octal to docker-compose (PyYAML, YAML 1.1) and to Compose v2 (go-yaml parses
 * ints with base prefix detection), but decimal 400 to YAML 1.2. File modes are the common case,
 * so leading-zero integers are read the way Docker's tools read them.
 */
const LEADING_ZERO_OCTAL: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  format: 'OCT',
  test: /^0[0-7]+$/,
  resolve: (text) => parseInt(text, 8),
};

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
  const doc = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    merge: true,
    prettyErrors: false,
    customTags: (tags) => [LEADING_ZERO_OCTAL, ...tags],
  });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.slice(0, 20).map((error) => {
        const pos = lines.linePos(error.pos[0]);
        const duplicate = error.code === 'DUPLICATE_KEY';
        const message = duplicate
          ? 'A mapping has the same key twice; YAML requires keys to be unique.'
          : `Not valid YAML: ${firstLine(error.message)}`;
        const found = problem(duplicate ? 'YAML_DUPLICATE_KEY' : 'YAML_SYNTAX', message, []);
        return pos.line > 0 ? { ...found, line: pos.line, column: pos.col } : found;
      }),
    };
  }
  try {
    const value: unknown = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    if (expandedSizeExceeds(value, limits.maxExpandedNodes)) {
      return {
        ok: false,
        problems: [
          problem(
            'YAML_ALIAS_LIMIT',
            `Refused: with its aliases expanded the document has more than ${limits.maxExpandedNodes} values (a resource exhaustion attack or a runaway anchor).`,
            [],
          ),
        ],
      };
    }
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
      return {
        ok: false,
        problems: [problem('INPUT_TOO_DEEP', 'Refused: the document is nested too deeply to read.', [])],
      };
    }
    throw error;
  }
}

/** Aliases share one object in the parsed value; count every path to it, stopping at the budget. */
function expandedSizeExceeds(value: unknown, budget: number): boolean {
  const stack: unknown[] = [value];
  let seen = 0;
  while (stack.length > 0) {
    const current = stack.pop();
    if (++seen > budget) return true;
    if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
    } else if (typeof current === 'object' && current !== null) {
      for (const item of Object.values(current)) stack.push(item);
    }
  }
  return false;
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
