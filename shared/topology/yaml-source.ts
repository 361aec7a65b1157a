import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Alias,
  type Document,
  type LineCounter,
  type Node,
  type Pair,
} from 'yaml';
import { problem, type PathSegment, type Problem } from './problem';
import { DEFAULT_YAML_LIMITS, type YamlLimits } from './yaml-limits';
import { parseYaml } from './yaml-parse';
import { scanText } from './yaml-prescan';
import { yamlToValue } from './yaml-to-value';

export { DEFAULT_YAML_LIMITS, type YamlLimits } from './yaml-limits';

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A parsed YAML text that can say where a field path came from. */
export class YamlSource {
  /** Each mapping's keys, indexed the first time a path goes through it. */
  private readonly keys = new WeakMap<object, Map<string, Pair>>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly aliases: ReadonlyMap<Alias, Node> = new Map(),
  ) {}

  /** The syntax tree (for what the plain value loses, such as tags). */
  get contents(): unknown {
    return this.doc.contents;
  }

  locate(path: readonly PathSegment[]): SourcePosition | undefined {
    let node: unknown = this.doc.contents;
    let found: Node | undefined = isNodeWithRange(node) ? node : undefined;
    for (const [i, segment] of path.entries()) {
      if (isAlias(node)) node = this.aliases.get(node);
      if (isMap(node)) {
        const pair = this.pairs(node.items).get(String(segment));
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

  private pairs(items: readonly Pair[]): Map<string, Pair> {
    let index = this.keys.get(items);
    if (index === undefined) {
      index = new Map();
      for (const pair of items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined && !index.has(key)) index.set(key, pair);
      }
      this.keys.set(items, index);
    }
    return index;
  }
}

function isNodeWithRange(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

export type ReadYamlResult =
  | { readonly ok: true; readonly value: unknown; readonly source: YamlSource }
  | { readonly ok: false; readonly problems: Problem[] };

/**
 * Parses untrusted YAML in time linear in its length: size and binary content on the text, the
 * nesting on the parser's tokens (before yaml's recursive composer sees them), then duplicate and
 * reserved keys, alias cycles and the size and depth with aliases expanded, in one pass over the
 * nodes (yaml-to-value.ts).
 */
export function readYaml(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): ReadYamlResult {
  const scanned = scanText(text, limits);
  if (scanned) return { ok: false, problems: [scanned] };
  const parsed = parseYaml(text, limits.maxDepth);
  if (!parsed.ok) return parsed;
  try {
    const converted = yamlToValue(parsed.doc, parsed.lines, limits);
    if (!converted.ok) return converted;
    return {
      ok: true,
      value: converted.value,
      source: new YamlSource(parsed.doc, parsed.lines, converted.aliases),
    };
  } catch (error) {
    // The depth is bounded before this; a stack overflow here means a smaller stack than expected.
    if (error instanceof RangeError) {
      return {
        ok: false,
        problems: [problem('INPUT_TOO_DEEP', 'Refused: the document is nested too deeply to read.', [])],
      };
    }
    throw error;
  }
}
