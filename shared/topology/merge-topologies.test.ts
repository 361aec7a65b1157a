import { describe, expect, it } from 'vitest';
import { mergeTopologyDocuments } from './merge-topologies';

const doc = (nodes: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({
  apiVersion: 'dockwright.dev/v1alpha2',
  kind: 'Topology',
  metadata: { name: 'a' },
  spec: { nodes },
  ...rest,
});

const node = (base: unknown, override: unknown) =>
  (
    mergeTopologyDocuments(doc({ n: base }), doc({ n: override }))['spec'] as {
      nodes: Record<string, unknown>;
    }
  ).nodes['n'];

describe('mergeTopologyDocuments', () => {
  it('merges a node field by field, replacing command, entrypoint and healthcheck.test', () => {
    expect(
      node(
        {
          kind: 'service',
          image: 'a',
          command: ['x', 'y'],
          healthcheck: { test: ['CMD', 'a'], retries: 3 },
          environment: { A: '1' },
        },
        {
          kind: 'service',
          command: ['z'],
          entrypoint: 'sh',
          healthcheck: { test: ['CMD', 'b'] },
          environment: { B: '2' },
        },
      ),
    ).toEqual({
      kind: 'service',
      image: 'a',
      command: ['z'],
      entrypoint: 'sh',
      healthcheck: { test: ['CMD', 'b'], retries: 3 },
      environment: { A: '1', B: '2' },
    });
  });

  it('merges dependsOn by node, networks by network, mounts by target, ports by address', () => {
    expect(
      node(
        {
          kind: 'service',
          dependsOn: [{ node: 'db', condition: 'started' }],
          networks: [{ network: 'front', aliases: ['a'] }],
          mounts: [{ type: 'volume', source: 'data', target: '/data' }],
          ports: [{ target: 80, published: 8080 }],
          secrets: [{ source: 's' }],
        },
        {
          kind: 'service',
          dependsOn: [
            { node: 'db', condition: 'healthy' },
            { node: 'cache', condition: 'started' },
          ],
          networks: [{ network: 'front', aliases: ['a', 'b'] }],
          mounts: [{ type: 'bind', source: './d', target: '/data' }],
          ports: [
            { target: 80, published: 8080, hostIp: '127.0.0.1' },
            { target: 80, published: 8080 },
          ],
          secrets: [{ source: 's', mode: 256 }],
        },
      ),
    ).toEqual({
      kind: 'service',
      dependsOn: [
        { node: 'db', condition: 'healthy' },
        { node: 'cache', condition: 'started' },
      ],
      networks: [{ network: 'front', aliases: ['a', 'b'] }],
      mounts: [{ type: 'bind', source: './d', target: '/data' }],
      ports: [
        { target: 80, published: 8080 },
        { target: 80, published: 8080, hostIp: '127.0.0.1' },
      ],
      secrets: [{ source: 's', mode: 256 }],
    });
  });

  it('replaces a node whose kind changes, and adds new nodes', () => {
    const merged = mergeTopologyDocuments(
      doc({ n: { kind: 'service', image: 'a' } }),
      doc({ n: { kind: 'volume' }, m: { kind: 'network' } }),
    );
    expect(merged['spec']).toEqual({ nodes: { n: { kind: 'volume' }, m: { kind: 'network' } } });
  });

  it('merges metadata and layout: positions by node, groups by id', () => {
    const merged = mergeTopologyDocuments(
      doc(
        {},
        {
          metadata: { name: 'a', labels: { x: '1' } },
          layout: { nodes: { n: { x: 0, y: 0 } }, groups: [{ id: 'g', label: 'G', nodes: ['n'] }] },
        },
      ),
      doc(
        {},
        {
          metadata: { name: 'b' },
          layout: { nodes: { m: { x: 1, y: 1 } }, groups: [{ id: 'g', label: 'G2', nodes: ['m'] }] },
        },
      ),
    );
    expect(merged['metadata']).toEqual({ name: 'b', labels: { x: '1' } });
    expect(merged['layout']).toEqual({
      nodes: { n: { x: 0, y: 0 }, m: { x: 1, y: 1 } },
      groups: [{ id: 'g', label: 'G2', nodes: ['n', 'm'] }],
    });
  });
});
