import type { Topology } from '../../../shared/topology';

/*
 * The worker keeps a copy of the document, so an edit sends only what changed: the nodes (and other
 * entries) whose object changed, found by identity, as the store never mutates a document. Copying
 * a 5 MB topology to the worker costs as much as validating it; a one-field edit sends one node.
 */

type Entries = Readonly<Record<string, unknown>>;

/** Entries set or removed; `order` is every key in order when keys came, went or moved. */
export interface EntriesPatch {
  readonly set: Record<string, unknown>;
  readonly remove: readonly string[];
  readonly order?: readonly string[];
}

export type DocPatch =
  | { readonly kind: 'full'; readonly version: number; readonly doc: Topology }
  | {
      readonly kind: 'delta';
      readonly base: number;
      readonly version: number;
      /** Top-level fields but `spec`. */
      readonly top: EntriesPatch;
      /** `spec` fields but `nodes`. */
      readonly spec: EntriesPatch;
      readonly nodes: EntriesPatch;
    };

export function diffDocument(previous: Topology, next: Topology, base: number, version: number): DocPatch {
  return {
    kind: 'delta',
    base,
    version,
    top: diffEntries(without(previous, 'spec'), without(next, 'spec')),
    spec: diffEntries(without(previous.spec, 'nodes'), without(next.spec, 'nodes')),
    nodes: diffEntries(previous.spec.nodes, next.spec.nodes),
  };
}

/** The document after `patch`, or undefined when it does not apply to `current` (send it whole). */
export function applyPatch(
  current: { readonly version: number; readonly doc: Topology } | undefined,
  patch: DocPatch,
): Topology | undefined {
  if (patch.kind === 'full') return patch.doc;
  if (current?.version !== patch.base) return undefined;
  const doc = current.doc;
  const spec = applyEntries(without(doc.spec, 'nodes'), patch.spec);
  const nodes = applyEntries(doc.spec.nodes, patch.nodes);
  return { ...applyEntries(without(doc, 'spec'), patch.top), spec: { ...spec, nodes } } as Topology;
}

export function diffEntries(previous: Entries, next: Entries): EntriesPatch {
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  const before = Object.keys(previous);
  const after = Object.keys(next);
  for (const key of after) {
    if (!Object.hasOwn(previous, key) || previous[key] !== next[key]) setEntry(set, key, next[key]);
  }
  for (const key of before) if (!Object.hasOwn(next, key)) remove.push(key);
  const moved = before.length !== after.length || before.some((key, i) => key !== after[i]);
  return moved ? { set, remove, order: after } : { set, remove };
}

export function applyEntries(current: Entries, patch: EntriesPatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (patch.order) {
    for (const key of patch.order)
      setEntry(out, key, Object.hasOwn(patch.set, key) ? patch.set[key] : current[key]);
    return out;
  }
  const removed = new Set(patch.remove);
  for (const key of Object.keys(current)) if (!removed.has(key)) setEntry(out, key, current[key]);
  for (const key of Object.keys(patch.set)) setEntry(out, key, patch.set[key]);
  return out;
}

/** Own data properties only, so a key such as `__proto__` stays an entry (validate reports it). */
function setEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function without<T extends object, K extends keyof T>(value: T, key: K): Entries {
  const rest: Record<string, unknown> = {};
  for (const name of Object.keys(value)) if (name !== key) setEntry(rest, name, value[name as keyof T]);
  return rest;
}
