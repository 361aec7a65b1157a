import { describe, expect, it } from 'vitest';
import { makeTopology } from '../../../shared/testing/topologies';
import { replaceNode, type Topology } from '../../../shared/topology';
import { applyPatch, diffDocument, diffEntries } from './doc-patch';

const base = makeTopology(
  {
    db: { kind: 'service', image: 'postgres:16' },
    web: { kind: 'service', image: 'nginx:1' },
    data: { kind: 'volume' },
  },
  { layout: { nodes: { db: { x: 0, y: 0 } } } },
);

describe('doc patches', () => {
  it('sends only the node whose object changed, and rebuilds the same document from it', () => {
    const next = replaceNode(base, 'web', { kind: 'service', image: 'nginx:2' });
    const patch = diffDocument(base, next, 1, 2);
    expect(patch.kind === 'delta' && patch.nodes).toEqual({
      set: { web: next.spec.nodes['web'] },
      remove: [],
    });
    expect(patch.kind === 'delta' && [patch.top.set, patch.spec.set]).toEqual([{}, {}]);
    expect(applyPatch({ version: 1, doc: base }, patch)).toEqual(next);
  });

  it('keeps the key order when nodes come, go or are renamed', () => {
    const { web, ...rest } = base.spec.nodes;
    const renamed: Topology = { ...base, spec: { ...base.spec, nodes: { ...rest, front: web! } } };
    const patch = diffDocument(base, renamed, 1, 2);
    const applied = applyPatch({ version: 1, doc: base }, patch);
    expect(Object.keys(applied?.spec.nodes ?? {})).toEqual(['db', 'data', 'front']);
    expect(applied).toEqual(renamed);
  });

  it('carries metadata, spec and layout changes, and removals', () => {
    const { layout: _layout, ...withoutLayout } = base;
    const next: Topology = {
      ...withoutLayout,
      metadata: { name: 'other' },
      spec: { ...base.spec, secrets: { pw: { file: './pw' } } },
    };
    expect(applyPatch({ version: 7, doc: base }, diffDocument(base, next, 7, 8))).toEqual(next);
  });

  it('does not apply to another version than its base: the whole document is sent then', () => {
    const patch = diffDocument(base, base, 3, 4);
    expect(applyPatch({ version: 2, doc: base }, patch)).toBeUndefined();
    expect(applyPatch(undefined, patch)).toBeUndefined();
    expect(applyPatch(undefined, { kind: 'full', version: 1, doc: base })).toBe(base);
  });

  it('keeps a __proto__ key an entry (validate names it) instead of changing a prototype', () => {
    const next: Record<string, unknown> = Object.fromEntries([['__proto__', 1]]);
    const patch = diffEntries({}, next);
    expect(Object.keys(patch.set)).toEqual(['__proto__']);
  });
});
