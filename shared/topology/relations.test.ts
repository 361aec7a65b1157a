import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addNode } from './node-edits';
import { checkConnection, connect, disconnect, relationEdges, setDependencyCondition } from './relations';
import { arbitraryDag, threeTier } from '../testing/topologies';
import { validate } from './validate';

describe('connections', () => {
  it('chooses the relation and a sensible default condition', () => {
    const doc = addNode(threeTier(), 'service', { x: 0, y: 0 }, 'web').topology;
    expect(checkConnection(doc, 'backend', 'web')).toEqual({ ok: true, relation: 'network' });
    expect(checkConnection(doc, 'data', 'web')).toEqual({ ok: true, relation: 'mount' });
    expect(checkConnection(doc, 'db', 'web')).toMatchObject({ relation: 'dependency', condition: 'healthy' });
    expect(checkConnection(doc, 'migrate', 'web')).toMatchObject({ condition: 'completed' });
    expect(checkConnection(doc, 'api', 'web')).toMatchObject({ condition: 'started' });
  });

  it('refuses a volume depending on a job, with a reason', () => {
    const check = checkConnection(threeTier(), 'migrate', 'data');
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(/A volume cannot depend on a job/);
  });

  it('refuses a cycle and names it', () => {
    const check = checkConnection(threeTier(), 'api', 'db');
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(/cycle.*"db".*"api"/);
    expect(() => connect(threeTier(), 'api', 'db')).toThrow(/cycle/);
  });

  it('refuses duplicates and self-loops', () => {
    expect(checkConnection(threeTier(), 'db', 'api')).toMatchObject({ ok: false });
    expect(checkConnection(threeTier(), 'api', 'api')).toMatchObject({ ok: false });
    expect(checkConnection(threeTier(), 'backend', 'db')).toMatchObject({ ok: false });
  });

  it('connect then disconnect is the identity on the spec', () => {
    const doc = threeTier();
    const joined = connect(doc, 'data', 'api');
    const api = joined.spec.nodes['api'];
    expect(api?.kind === 'service' && api.mounts).toEqual([
      { type: 'volume', source: 'data', target: '/data/data' },
    ]);
    const edge = relationEdges(joined).find((e) => e.relation === 'mount' && e.target === 'api');
    expect(edge).toBeDefined();
    expect(disconnect(joined, [edge!.id]).spec).toEqual(doc.spec);
  });

  it('sets the condition of a dependency edge', () => {
    const doc = threeTier();
    const edge = relationEdges(doc).find((e) => e.source === 'db' && e.target === 'api')!;
    const next = setDependencyCondition(doc, edge.id, 'started');
    const api = next.spec.nodes['api'];
    expect(api?.kind === 'service' && api.dependsOn?.[0]).toEqual({ node: 'db', condition: 'started' });
  });

  it('never lets connect create a cycle in random graphs', () => {
    fc.assert(
      fc.property(arbitraryDag, fc.nat(), fc.nat(), (doc, a, b) => {
        const ids = Object.keys(doc.spec.nodes);
        const source = ids[a % ids.length]!;
        const target = ids[b % ids.length]!;
        const check = checkConnection(doc, source, target);
        if (!check.ok) return;
        const next = connect(doc, source, target);
        expect(validate(next).filter((p) => p.code === 'DEPENDENCY_CYCLE')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
