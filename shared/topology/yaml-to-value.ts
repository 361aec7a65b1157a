import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Alias,
  type Document,
  type LineCounter,
  type Node,
} from 'yaml';
import { problem, type Problem } from './problem';
import { isReservedKey, reservedKeyProblem, setOwn } from './reserved-keys';
import type { YamlLimits } from './yaml-limits';
import { located } from './yaml-parse';

/*
 * The parsed document as plain values, in one pass over its nodes. yaml's own `toJS()` is not used:
 * it looks each alias up by walking every anchor and alias before it (31 s for 20,000 anchors in
 * 590 KB) and walks the whole document again for each alias inside an aliased node. Here an anchor
 * is converted once and each alias reuses it, as `toJS()` does, with its expanded size and depth
 * known, so an alias bomb is refused at the anchor that passes the bound.
 */

export type ToValueResult =
  | { readonly ok: true; readonly value: unknown; readonly aliases: ReadonlyMap<Alias, Node> }
  | { readonly ok: false; readonly problems: Problem[] };

interface Converted {
  readonly value: unknown;
  /** Values with every alias expanded. */
  readonly size: number;
  /** Nesting with every alias expanded; a scalar is 0. */
  readonly depth: number;
}

const SCALAR: Omit<Converted, 'value'> = { size: 1, depth: 0 };
const MAX_KEY_PROBLEMS = 20;

/** A refusal that ends the conversion: nothing after it can be trusted to be cheap. */
class Refused extends Error {
  constructor(readonly found: Problem) {
    super(found.message);
  }
}

export function yamlToValue(doc: Document.Parsed, lines: LineCounter, limits: YamlLimits): ToValueResult {
  const converter = new Converter(lines, limits);
  try {
    const root = converter.node(doc.contents);
    if (converter.keyProblems.length > 0) return { ok: false, problems: converter.keyProblems };
    return { ok: true, value: root.value, aliases: converter.aliases };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problems: [error.found] };
    throw error;
  }
}

class Converter {
  readonly aliases = new Map<Alias, Node>();
  readonly keyProblems: Problem[] = [];
  /** The node each anchor names at this point of the document (a later anchor of the same name wins). */
  private readonly anchors = new Map<string, Node>();
  private readonly done = new Map<Node, Converted>();
  private readonly open = new Set<Node>();

  constructor(
    private readonly lines: LineCounter,
    private readonly limits: YamlLimits,
  ) {}

  node(node: unknown): Converted {
    if (node === null || node === undefined) return { value: null, ...SCALAR };
    if (isAlias(node)) return this.alias(node);
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return { value: null, ...SCALAR };
    if (node.anchor) this.anchors.set(node.anchor, node);
    this.open.add(node);
    const converted = isScalar(node)
      ? { value: node.value, ...SCALAR }
      : isSeq(node)
        ? this.sequence(node.items, node)
        : this.mapping(node.items, node);
    this.open.delete(node);
    if (node.anchor) this.done.set(node, converted);
    return this.bounded(converted, node);
  }

  private alias(alias: Alias): Converted {
    const target = this.anchors.get(alias.source);
    if (target === undefined) {
      throw this.refuse(
        'YAML_SYNTAX',
        `Not valid YAML: the alias *${alias.source} has no anchor &${alias.source} before it.`,
        alias,
      );
    }
    this.aliases.set(alias, target);
    const converted = this.done.get(target);
    if (converted === undefined || this.open.has(target)) {
      throw this.refuse(
        'YAML_ALIAS_LIMIT',
        `Refused: the alias *${alias.source} is inside the value it names, so the document would never end.`,
        alias,
      );
    }
    return converted;
  }

  private sequence(items: readonly unknown[], at: Node): Converted {
    const value: unknown[] = [];
    let size = 1;
    let depth = 0;
    for (const item of items) {
      const converted = isPair(item) ? this.mapping([item], at) : this.node(item);
      value.push(converted.value);
      size += converted.size;
      depth = Math.max(depth, converted.depth);
    }
    return { value, size, depth: depth + 1 };
  }

  private mapping(items: readonly unknown[], at: Node): Converted {
    const value: Record<string, unknown> = {};
    const explicit = new Map<string, Node>();
    let size = 1;
    let depth = 0;
    for (const pair of items) {
      if (!isPair(pair)) continue;
      if (isMergeKey(pair.key)) {
        for (const source of this.mergeSources(pair.value, at)) {
          for (const [key, item] of Object.entries(source.value as Record<string, unknown>)) {
            if (!Object.hasOwn(value, key)) setOwn(value, key, item);
          }
          size += source.size;
          depth = Math.max(depth, source.depth - 1);
        }
        continue;
      }
      const keyNode = isNodeLike(pair.key) ? pair.key : at;
      const key = this.key(pair.key, keyNode);
      const first = explicit.get(key);
      if (first !== undefined) {
        this.keyProblem(
          problem(
            'YAML_DUPLICATE_KEY',
            `The key ${JSON.stringify(key)} appears twice in one mapping${this.where(first)}; YAML requires keys to be unique.`,
            [],
          ),
          keyNode,
        );
        continue;
      }
      explicit.set(key, keyNode);
      if (isReservedKey(key)) {
        this.keyProblem(reservedKeyProblem(key, []), keyNode);
        continue;
      }
      const converted = this.node(pair.value);
      setOwn(value, key, converted.value);
      size += converted.size;
      depth = Math.max(depth, converted.depth);
    }
    return { value, size, depth: depth + 1 };
  }

  /** A mapping key as a JavaScript object keeps it: `1` and `"1"` are the same key there. */
  private key(key: unknown, at: Node): string {
    if (key === null || key === undefined) return '';
    const resolved = isAlias(key) ? this.alias(key) : isScalar(key) ? this.node(key) : undefined;
    const value = resolved?.value;
    if (value === null || value === undefined) {
      if (resolved !== undefined) return '';
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      return String(value);
    } else if (typeof value === 'bigint') {
      return value.toString();
    }
    throw this.refuse('YAML_SYNTAX', 'Not supported: a mapping key that is itself a mapping or a list.', at);
  }

  /** `<<: *a`, `<<: [*a, *b]` or `<<: {…}`: mappings (or aliases of mappings) only. */
  private mergeSources(value: unknown, at: Node): Converted[] {
    const sources = isSeq(value) ? value.items : [value];
    return sources.map((source) => {
      const target = isAlias(source) ? this.anchors.get(source.source) : source;
      const converted = this.node(source);
      if (!isMap(target)) {
        throw this.refuse(
          'YAML_SYNTAX',
          'Not valid YAML: a merge key (<<) takes a mapping, an alias of one, or a list of them.',
          isNodeLike(source) ? source : at,
        );
      }
      return converted;
    });
  }

  private bounded(converted: Converted, at: Node): Converted {
    if (converted.size > this.limits.maxExpandedNodes) {
      throw this.refuse(
        'YAML_ALIAS_LIMIT',
        `Refused: with its aliases expanded the document has more than ${this.limits.maxExpandedNodes.toLocaleString('en')} values (an alias bomb, or a runaway anchor).`,
        at,
      );
    }
    if (converted.depth > this.limits.maxDepth) {
      throw this.refuse(
        'INPUT_TOO_DEEP',
        `Refused: with its aliases expanded the document nests more than ${this.limits.maxDepth} levels deep.`,
        at,
      );
    }
    return converted;
  }

  private keyProblem(found: Problem, at: Node): void {
    if (this.keyProblems.length < MAX_KEY_PROBLEMS) this.keyProblems.push(this.at(found, at));
  }

  private where(node: Node): string {
    const offset = node.range?.[0];
    return offset === undefined ? '' : ` (first at line ${this.lines.linePos(offset).line})`;
  }

  private refuse(code: Problem['code'], message: string, at: Node): Refused {
    return new Refused(this.at(problem(code, message, []), at));
  }

  private at(found: Problem, node: Node): Problem {
    const offset = node.range?.[0];
    return offset === undefined ? found : located(found, this.lines, offset);
  }
}

function isNodeLike(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}

/** `<<` written plainly; yaml's merge option makes it a scalar whose value is the symbol `<<`. */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key) || (key.type !== undefined && key.type !== 'PLAIN')) return false;
  const value = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}
