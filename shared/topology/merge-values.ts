import { setOwn } from './reserved-keys';

/*
 * One engine for the Compose spec's merge rules ("merge" document), used for several Compose files,
 * `extends`, `include` and several topology files: each format gives a table of rules by path.
 * Without a rule, mappings merge key by key, a null override keeps the base (as Compose does),
 * sequences append what the base lacks, and anything else is replaced by the override.
 */

export type Raw = Record<string, unknown>;

export function isRaw(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `!reset` in a file: the field is removed from what the files before it said. */
export class ResetValue {}

/** `!override` in a file: the value replaces what the files before it said, without merging. */
export class OverrideValue {
  constructor(readonly value: unknown) {}
}

/** The markers resolved where no file came before: a reset field is gone, an override is its value. */
export function withoutMarkers(value: unknown): unknown {
  if (value instanceof OverrideValue) return withoutMarkers(value.value);
  if (Array.isArray(value)) return value.filter((v) => !(v instanceof ResetValue)).map(withoutMarkers);
  if (!isRaw(value)) return value;
  const out: Raw = {};
  for (const [key, item] of Object.entries(value))
    if (!(item instanceof ResetValue)) out[key] = withoutMarkers(item);
  return out;
}

export type MergeRule =
  /** The override wins whole (`command`, `entrypoint`, `healthcheck.test`). */
  | { readonly kind: 'replace' }
  /** A list of `KEY=value` (or a mapping): merged as a mapping by key (`environment`, `labels`). */
  | { readonly kind: 'key-value'; readonly separators: readonly string[] }
  /** A list of names (or a mapping from name): merged by name, entries merged (`depends_on`). */
  | { readonly kind: 'named'; readonly listEntry: unknown }
  /** A sequence whose entries are unique by a key; entries with the same key merge (`ports`). */
  | { readonly kind: 'keyed'; readonly key: (entry: unknown) => string }
  /** A sequence of unique values; a lone scalar counts as a one-entry list (`dns`). */
  | { readonly kind: 'unique' }
  /** Both sides put in one shape first (`build: ./dir` is `build: {context: ./dir}`). */
  | { readonly kind: 'normalize'; readonly to: (value: unknown) => unknown }
  /** Decides itself; `merge` merges below it by the same rules. */
  | {
      readonly kind: 'custom';
      readonly merge: (
        base: unknown,
        override: unknown,
        merge: (b: unknown, o: unknown) => unknown,
      ) => unknown;
    };

/** Patterns are dotted paths, `*` matching any one key: `services.*.environment`. */
export type MergeRules = ReadonlyMap<string, MergeRule>;

interface CompiledRule {
  readonly segments: readonly string[];
  readonly rule: MergeRule;
}

export class Merger {
  private readonly rules: CompiledRule[];

  constructor(rules: MergeRules) {
    this.rules = [...rules].map(([pattern, rule]) => ({ segments: pattern.split('.'), rule }));
  }

  merge(base: unknown, override: unknown, path: readonly string[] = []): unknown {
    if (override instanceof ResetValue) return undefined;
    if (override instanceof OverrideValue) return withoutMarkers(override.value);
    if (base instanceof ResetValue) return this.merge(undefined, override, path);
    if (base instanceof OverrideValue) return this.merge(base.value, override, path);
    if (override === undefined || override === null) return base ?? override;
    if (base === undefined || base === null) return override;
    const rule = this.ruleAt(path);
    switch (rule?.kind) {
      case 'replace':
        return override;
      case 'key-value':
        return { ...keyValues(base, rule.separators), ...keyValues(override, rule.separators) };
      case 'named':
        return this.mergeMaps(named(base, rule.listEntry), named(override, rule.listEntry), path);
      case 'keyed':
        return this.mergeKeyed(toList(base), toList(override), rule.key, path);
      case 'unique':
        return unique([...toList(base), ...toList(override)]);
      case 'normalize':
        return this.mergeDefault(rule.to(base), rule.to(override), path);
      case 'custom':
        return rule.merge(base, override, (b, o) => this.mergeDefault(b, o, path));
      default:
        return this.mergeDefault(base, override, path);
    }
  }

  private mergeDefault(base: unknown, override: unknown, path: readonly string[]): unknown {
    if (isRaw(base) && isRaw(override)) return this.mergeMaps(base, override, path);
    if (Array.isArray(base) && Array.isArray(override)) return unique([...toList(base), ...toList(override)]);
    return override ?? base;
  }

  private mergeMaps(base: Raw, override: Raw, path: readonly string[]): Raw {
    const out: Raw = { ...base };
    for (const [key, value] of Object.entries(override)) {
      const merged = this.merge(out[key], value, [...path, key]);
      if (merged === undefined) delete out[key];
      else setOwn(out, key, merged);
    }
    return out;
  }

  private mergeKeyed(
    base: readonly unknown[],
    override: readonly unknown[],
    keyOf: (entry: unknown) => string,
    path: readonly string[],
  ): unknown[] {
    const byKey = new Map<string, unknown>();
    for (const entry of base) byKey.set(keyOf(entry), entry);
    for (const entry of override) {
      const key = keyOf(entry);
      const previous = byKey.get(key);
      byKey.set(
        key,
        isRaw(previous) && isRaw(entry) ? this.mergeMaps(previous, entry, [...path, '[]']) : entry,
      );
    }
    return [...byKey.values()];
  }

  private ruleAt(path: readonly string[]): MergeRule | undefined {
    return this.rules.find(
      ({ segments }) =>
        segments.length === path.length && segments.every((s, i) => s === '*' || s === path[i]),
    )?.rule;
  }
}

export function toList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Exact duplicates once, first place kept. */
function unique(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `[K=V, K]` or `{K: V}` as a mapping; a bare `K` maps to null, as in Compose. */
export function keyValues(value: unknown, separators: readonly string[]): Raw {
  if (isRaw(value)) return value;
  const out: Raw = {};
  for (const item of toList(value)) {
    const text = String(item);
    const at = Math.min(...separators.map((s) => text.indexOf(s)).filter((i) => i >= 0));
    // `__proto__=x` stays an entry (and is refused by name later), never a prototype.
    if (Number.isFinite(at)) setOwn(out, text.slice(0, at), text.slice(at + 1));
    else setOwn(out, text, null);
  }
  return out;
}

function named(value: unknown, listEntry: unknown): Raw {
  if (isRaw(value)) return value;
  return Object.fromEntries(toList(value).map((name) => [String(name), structuredClone(listEntry)]));
}
