import { describe, expect, it } from 'vitest';
import { makeTopology } from '../testing/topologies';
import { insertTopology } from './insert-topology';
import { validate } from './validate';

const here = makeTopology(
  {
    db: { kind: 'service', image: 'postgres:16' },
    web: { kind: 'service', image: 'nginx', dependsOn: [{ node: 'db', condition: 'started' }] },
  },
  {
    metadata: { name: 'shop' },
    spec: { secrets: { token: { file: './token.txt' } }, configs: { app: { content: 'a' } } },
    layout: {
      nodes: { db: { x: 0, y: 40 }, web: { x: 300, y: 40 } },
      groups: [{ id: 'core', label: 'Core', nodes: ['db'] }],
    },
  },
);

const other = makeTopology(
  {
    db: {
      kind: 'service',
      image: 'mysql:8',
      networks: [{ network: 'back' }],
      mounts: [{ type: 'volume', source: 'data', target: '/var/lib/mysql' }],
    },
    app: {
      kind: 'service',
      image: 'app',
      dependsOn: [{ node: 'db', condition: 'healthy' }],
      networks: [{ network: 'back', aliases: ['api'] }],
      secrets: [{ source: 'token' }],
      configs: [{ source: 'app', target: '/etc/app.conf' }],
    },
    sidecar: { kind: 'service', image: 'envoy', networkMode: 'service:app' },
    web: { kind: 'job', image: 'warmup', dependsOn: [{ node: 'app', condition: 'started' }] },
    back: { kind: 'network' },
    data: { kind: 'volume' },
  },
  {
    metadata: { name: 'Billing Stack' },
    spec: { secrets: { token: { file: './other-token.txt' } }, configs: { app: { content: 'a' } } },
  },
);

describe('insertTopology', () => {
  const result = insertTopology(here, other);
  const nodes = result.topology.spec.nodes;

  it('renames the clashing node ids and says so', () => {
    expect(result.renames).toEqual([
      { what: 'node', from: 'db', to: 'db-2' },
      { what: 'node', from: 'web', to: 'web-2' },
      { what: 'secret', from: 'token', to: 'token-2' },
    ]);
    expect(Object.keys(nodes)).toEqual(['db', 'web', 'db-2', 'app', 'sidecar', 'web-2', 'back', 'data']);
    expect(result.ids).toEqual(['db-2', 'app', 'sidecar', 'web-2', 'back', 'data']);
  });

  it('keeps the document’s own nodes as they were', () => {
    expect(nodes['db']).toEqual(here.spec.nodes['db']);
    expect(nodes['web']).toEqual(here.spec.nodes['web']);
  });

  it('rewrites the references among the inserted nodes', () => {
    expect(nodes['app']).toMatchObject({
      dependsOn: [{ node: 'db-2', condition: 'healthy' }],
      networks: [{ network: 'back', aliases: ['api'] }],
      secrets: [{ source: 'token-2', target: '/run/secrets/token' }],
      configs: [{ source: 'app', target: '/etc/app.conf' }],
    });
    expect(nodes['db-2']).toMatchObject({ image: 'mysql:8', mounts: [{ source: 'data' }] });
    expect(nodes['sidecar']).toMatchObject({ networkMode: 'service:app' });
    expect(nodes['web-2']).toMatchObject({ dependsOn: [{ node: 'app' }] });
  });

  it('renames a secret defined differently and shares one defined the same', () => {
    expect(result.topology.spec.secrets).toEqual({
      token: { file: './token.txt' },
      'token-2': { file: './other-token.txt' },
    });
    expect(result.topology.spec.configs).toEqual({ app: { content: 'a' } });
  });

  it('adds the inserted nodes as a group, placed right of the document', () => {
    expect(result.groupId).toBe('inserted-billing-stack');
    expect(result.topology.layout?.groups).toEqual([
      { id: 'core', label: 'Core', nodes: ['db'] },
      { id: 'inserted-billing-stack', label: 'Billing Stack', nodes: result.ids },
    ]);
    const positions = result.topology.layout?.nodes ?? {};
    for (const id of result.ids) expect(positions[id]?.x).toBeGreaterThan(300);
    expect(positions['db']).toEqual({ x: 0, y: 40 });
  });

  it('gives a valid document when both were valid, and changes neither input', () => {
    const before = JSON.stringify([here, other]);
    const errors = validate(insertTopology(here, other).topology).filter((p) => p.severity === 'error');
    expect(errors).toEqual([]);
    expect(JSON.stringify([here, other])).toBe(before);
  });

  it('renames nothing when nothing clashes, and makes the group id unique', () => {
    const once = insertTopology(
      makeTopology({}),
      makeTopology({ a: { kind: 'volume' } }, { metadata: { name: 'x' } }),
    );
    expect(once.renames).toEqual([]);
    const twice = insertTopology(
      once.topology,
      makeTopology({ a: { kind: 'volume' } }, { metadata: { name: 'x' } }),
    );
    expect(twice.renames).toEqual([{ what: 'node', from: 'a', to: 'a-2' }]);
    expect(twice.topology.layout?.groups?.map((g) => g.id)).toEqual(['inserted-x', 'inserted-x-2']);
  });
});
