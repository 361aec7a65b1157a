import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoLayout, NODE_WIDTH } from './auto-layout';
import {
  addNode,
  checkConnection,
  connect,
  copyNodes,
  disconnect,
  duplicateNodes,
  newTopology,
  pasteNodes,
  relationEdges,
  removeNodes,
  renameNode,
  setDependencyCondition,
  uniqueNodeId,
} from './edit';
import type { Topology } from './model';
import { arbitraryDag, makeTopology } from './test-support';
import { validate } from './validate';

function threeTier(): Topology {
  return makeTopology(
    {
      backend: { kind: 'network' },
      data: { kind: 'volume' },
      db: {
        kind: 'service',
        image: 'postgres:16',
        healthcheck: { test: ['CMD', 'pg_isready'] },
        networks: [{ network: 'backend' }],
        mounts: [{ type: 'volume', source: 'data', target: '/var/lib/postgresql/data' }],
      },
      migrate: { kind: 'job', image: 'app:1', dependsOn: [{ node: 'db', condition: 'healthy' }] },
      api: {
        kind: 'service',
        image: 'app:1',
        dependsOn: [
          { node: 'db', condition: 'healthy' },
          { node: 'migrate', condition: 'completed' },
        ],
      },
    },
    { layout: { nodes: { db: { x: 0, y: 0 }, api: { x: 300, y: 0 } } } },
  );
}

describe('adding and naming nodes', () => {
  it('gives each new node a unique id from its kind', () => {
    let doc = newTopology();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const added = addNode(doc, 'service', { x: i * 10, y: 0 });
      doc = added.topology;
      ids.push(added.id);
    }
    expect(ids).toEqual(['service', 'service-2', 'service-3']);
    expect(doc.layout?.nodes?.['service-2']).toEqual({ x: 10, y: 0 });
    expect(uniqueNodeId(doc, 'Web App!')).toBe('web-app');
  });

  it('does not change its input', () => {
    const doc = threeTier();
    const before = structuredClone(doc);
    addNode(doc, 'job', { x: 0, y: 0 });
    removeNodes(doc, ['db']);
    renameNode(doc, 'db', 'postgres');
    connect(doc, 'backend', 'api');
    expect(doc).toEqual(before);
  });
});

describe('renameNode and removeNodes', () => {
  it('renaming rewrites every reference and the layout', () => {
    const doc = renameNode(threeTier(), 'db', 'postgres');
    expect(Object.keys(doc.spec.nodes)).toEqual(['backend', 'data', 'postgres', 'migrate', 'api']);
    const api = doc.spec.nodes['api'];
    expect(api?.kind === 'service' && api.dependsOn?.map((d) => d.node)).toEqual(['postgres', 'migrate']);
    expect(doc.layout?.nodes?.['postgres']).toEqual({ x: 0, y: 0 });
    expect(doc.layout?.nodes?.['db']).toBeUndefined();
    expect(validate(doc).filter((p) => p.code.startsWith('UNKNOWN') || p.code.includes('MISSING'))).toEqual(
      [],
    );
  });

  it('refuses a taken or malformed id', () => {
    expect(() => renameNode(threeTier(), 'db', 'api')).toThrow(/already exists/);
    expect(() => renameNode(threeTier(), 'db', 'Bad Name')).toThrow(/lowercase/);
  });

  it('removing a node drops every reference to it', () => {
    const doc = removeNodes(threeTier(), ['db', 'data']);
    const migrate = doc.spec.nodes['migrate'];
    expect(migrate?.kind === 'job' && migrate.dependsOn).toBeUndefined();
    const api = doc.spec.nodes['api'];
    expect(api?.kind === 'service' && api.dependsOn).toEqual([{ node: 'migrate', condition: 'completed' }]);
    expect(doc.layout?.nodes?.['db']).toBeUndefined();
    expect(relationEdges(doc).some((e) => e.source === 'db' || e.target === 'db')).toBe(false);
  });
});

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

describe('clipboard', () => {
  it('pastes copies under fresh ids, with internal references following the copies', () => {
    const doc = threeTier();
    const clip = copyNodes(doc, ['db', 'migrate']);
    const { topology, ids } = pasteNodes(JSON.parse(JSON.stringify(doc)) as Topology, clip);
    expect(ids).toEqual(['db-2', 'migrate-2']);
    const copy = topology.spec.nodes['migrate-2'];
    expect(copy?.kind === 'job' && copy.dependsOn?.[0]?.node).toBe('db-2');
    const dbCopy = topology.spec.nodes['db-2'];
    // References outside the clip that still exist are kept.
    expect(dbCopy?.kind === 'service' && dbCopy.networks?.[0]?.network).toBe('backend');
    expect(topology.layout?.nodes?.['db-2']).toEqual({ x: 40, y: 40 });
  });

  it('duplicates', () => {
    const { topology, ids } = duplicateNodes(threeTier(), ['api']);
    expect(ids).toEqual(['api-2']);
    expect(Object.keys(topology.spec.nodes)).toHaveLength(6);
  });
});

describe('autoLayout', () => {
  it('puts what is needed first on the left', () => {
    const positions = autoLayout(threeTier());
    expect(positions['backend']!.x).toBeLessThan(positions['db']!.x);
    expect(positions['db']!.x).toBeLessThan(positions['migrate']!.x);
    expect(positions['migrate']!.x).toBeLessThan(positions['api']!.x);
  });

  it('lays out a selection in place', () => {
    const doc = threeTier();
    const positions = autoLayout(doc, { only: ['db', 'api'] });
    expect(Object.keys(positions).sort()).toEqual(['api', 'db']);
    expect(Math.min(positions['db']!.x, positions['api']!.x)).toBe(0);
    expect(positions['api']!.x - positions['db']!.x).toBeGreaterThanOrEqual(NODE_WIDTH);
  });
});
