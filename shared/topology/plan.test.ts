import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edgesOf } from './graph';
import type { Topology, TopologyNode } from './model';
import { plan, type DeploymentPlan } from './plan';
import { arbitraryDag, makeTopology } from '../testing/topologies';

function mustPlan(topology: Topology): DeploymentPlan {
  const result = plan(topology);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.plan;
}

const ids = (p: DeploymentPlan, which: 'waves' | 'teardown' = 'waves'): string[][] =>
  p[which].map((w) => w.steps.map((s) => s.nodeId));

describe('plan', () => {
  const shop: Record<string, TopologyNode> = {
    api: {
      kind: 'service',
      image: 'api',
      dependsOn: [
        { node: 'migrate', condition: 'completed' },
        { node: 'cache', condition: 'started' },
      ],
      networks: [{ network: 'net' }],
    },
    migrate: { kind: 'job', image: 'm', dependsOn: [{ node: 'db', condition: 'healthy' }] },
    db: {
      kind: 'service',
      image: 'pg',
      mounts: [{ type: 'volume', source: 'data', target: '/d' }],
      healthcheck: { test: 'true' },
    },
    cache: { kind: 'service', image: 'redis' },
    data: { kind: 'volume' },
    net: { kind: 'network', external: true },
  };

  it('starts networks and volumes first, then containers in dependency waves', () => {
    const p = mustPlan(makeTopology(shop));
    expect(ids(p)).toEqual([['data', 'net'], ['cache', 'db'], ['migrate'], ['api']]);
    expect(p.waves[0]?.steps.map((s) => s.action)).toEqual(['create', 'use-existing']);
    expect(p.waves[2]?.steps[0]).toMatchObject({
      action: 'run',
      waitFor: [{ nodeId: 'db', condition: 'healthy' }],
    });
    expect(p.waves[3]?.steps[0]?.waitFor).toEqual([
      { nodeId: 'cache', condition: 'started' },
      { nodeId: 'migrate', condition: 'completed' },
      { nodeId: 'net', condition: 'created' },
    ]);
  });

  it('makes dependents of a job wait for its completion even when they say started', () => {
    const p = mustPlan(
      makeTopology({
        seed: { kind: 'job', image: 'x' },
        web: { kind: 'service', image: 'y', dependsOn: [{ node: 'seed', condition: 'started' }] },
      }),
    );
    expect(p.waves[1]?.steps[0]?.waitFor).toEqual([{ nodeId: 'seed', condition: 'completed' }]);
  });

  it('tears down in reverse and leaves external resources', () => {
    const p = mustPlan(makeTopology(shop));
    expect(ids(p, 'teardown')).toEqual([['api'], ['migrate'], ['cache', 'db'], ['data', 'net']]);
    expect(p.teardown[3]?.steps.map((s) => s.action)).toEqual(['remove', 'leave']);
    expect(p.teardown[2]?.steps.find((s) => s.nodeId === 'db')?.waitFor).toEqual([
      { nodeId: 'migrate', condition: 'created' },
    ]);
  });

  it('has no empty waves when there are no resources', () => {
    expect(ids(mustPlan(makeTopology({ a: { kind: 'service', image: 'x' } })))).toEqual([['a']]);
    expect(mustPlan(makeTopology({})).waves).toEqual([]);
  });

  it('refuses cycles and missing nodes', () => {
    const cyclic = plan(
      makeTopology({
        a: { kind: 'service', image: 'x', dependsOn: [{ node: 'b', condition: 'started' }] },
        b: { kind: 'service', image: 'x', dependsOn: [{ node: 'a', condition: 'started' }] },
      }),
    );
    expect(cyclic.ok ? [] : cyclic.problems.map((p) => [p.code, p.related])).toEqual([
      ['DEPENDENCY_CYCLE', ['a', 'b']],
    ]);
    const missing = plan(
      makeTopology({
        a: { kind: 'service', image: 'x', mounts: [{ type: 'volume', source: 'gone', target: '/x' }] },
      }),
    );
    expect(missing.ok ? [] : missing.problems.map((p) => p.code)).toEqual(['DEPENDENCY_MISSING']);
  });

  it('is deterministic regardless of node order', () => {
    const reversed = Object.fromEntries(Object.entries(shop).reverse());
    expect(mustPlan(makeTopology(reversed))).toEqual(mustPlan(makeTopology(shop)));
  });

  describe('properties over random DAGs', () => {
    it('every node appears exactly once, after everything it waits for', () => {
      fc.assert(
        fc.property(arbitraryDag, (topology) => {
          const p = mustPlan(topology);
          const waveOf = new Map<string, number>();
          p.waves.forEach((wave, i) =>
            wave.steps.forEach((s) => {
              expect(waveOf.has(s.nodeId)).toBe(false);
              waveOf.set(s.nodeId, i);
            }),
          );
          expect([...waveOf.keys()].sort()).toEqual(Object.keys(topology.spec.nodes).sort());
          for (const [id, node] of Object.entries(topology.spec.nodes)) {
            for (const edge of edgesOf(id, node))
              expect(waveOf.get(edge.to)).toBeLessThan(waveOf.get(id) ?? -1);
            if (node.kind === 'volume' || node.kind === 'network') expect(waveOf.get(id)).toBe(0);
          }
          expect(p.waves.every((w) => w.steps.length > 0)).toBe(true);
        }),
        { numRuns: 200 },
      );
    });

    it('the teardown removes every node once, each only after all its dependents', () => {
      fc.assert(
        fc.property(arbitraryDag, (topology) => {
          const p = mustPlan(topology);
          const removedAt = new Map<string, number>();
          p.teardown.forEach((wave, i) => wave.steps.forEach((s) => removedAt.set(s.nodeId, i)));
          expect(removedAt.size).toBe(Object.keys(topology.spec.nodes).length);
          for (const [id, node] of Object.entries(topology.spec.nodes)) {
            for (const edge of edgesOf(id, node))
              expect(removedAt.get(id)).toBeLessThan(removedAt.get(edge.to) ?? -1);
          }
        }),
        { numRuns: 200 },
      );
    });

    it('is the same plan for a shuffled node order', () => {
      fc.assert(
        fc.property(arbitraryDag, fc.func(fc.integer()), (topology, key) => {
          const shuffled = Object.fromEntries(
            Object.entries(topology.spec.nodes).sort(([a], [b]) => key(a) - key(b) || (a < b ? -1 : 1)),
          );
          expect(mustPlan(makeTopology(shuffled))).toEqual(mustPlan(topology));
        }),
        { numRuns: 100 },
      );
    });

    it('jobs make their dependents wait for completion', () => {
      fc.assert(
        fc.property(arbitraryDag, (topology) => {
          const p = mustPlan(topology);
          for (const step of p.waves.flatMap((w) => w.steps)) {
            for (const wait of step.waitFor) {
              if (topology.spec.nodes[wait.nodeId]?.kind === 'job') expect(wait.condition).toBe('completed');
            }
          }
        }),
        { numRuns: 100 },
      );
    });
  });
});
