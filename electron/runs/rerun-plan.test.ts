import { describe, expect, it } from 'vitest';
import type { NodeRunStateName, RunSummary } from '../../shared/ipc/contract';
import { isApiError } from '../../shared/ipc/errors';
import { makeTopology } from '../../shared/testing/topologies';
import { rerunNodes, unfinished } from './rerun-plan';

const topology = makeTopology(
  {
    data: { kind: 'volume' },
    db: { kind: 'service', image: 'x', mounts: [{ type: 'volume', source: 'data', target: '/d' }] },
    migrate: { kind: 'job', image: 'x', dependsOn: [{ node: 'db', condition: 'healthy' }] },
    seed: { kind: 'job', image: 'x', dependsOn: [{ node: 'migrate', condition: 'completed' }] },
    api: { kind: 'service', image: 'x', dependsOn: [{ node: 'migrate', condition: 'completed' }] },
    web: { kind: 'service', image: 'x', dependsOn: [{ node: 'api', condition: 'started' }] },
    other: { kind: 'job', image: 'x' },
    notify: { kind: 'job', image: 'x' },
  },
  { spec: { handlers: { onFailure: ['notify'] } } },
);

function run(states: Record<string, NodeRunStateName>, state: RunSummary['state'] = 'failed'): RunSummary {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    runId: 'r1',
    project: 'demo',
    idempotencyKey: 'k',
    state,
    startedAt: at,
    nodes: Object.fromEntries(
      Object.entries(states).map(([nodeId, s]) => [nodeId, { nodeId, state: s, at }]),
    ),
  };
}

describe('rerunNodes', () => {
  it('reruns what failed, was skipped or cancelled, and everything depending on it', () => {
    const failed = run({
      data: 'completed',
      db: 'healthy',
      migrate: 'completed',
      seed: 'failed',
      api: 'healthy',
      web: 'cancelled',
      other: 'completed',
      notify: 'failed',
    });
    expect(rerunNodes(topology, failed)).toEqual(['seed', 'web']);
    const early = run({
      data: 'completed',
      db: 'healthy',
      migrate: 'failed',
      seed: 'skipped',
      api: 'skipped',
    });
    // Nodes the run never reported (web, other) never finished either.
    expect(rerunNodes(topology, early)).toEqual(['api', 'migrate', 'other', 'seed', 'web']);
  });

  it('reruns from a node: it and its dependents, even when they succeeded', () => {
    const ok = run(
      Object.fromEntries(Object.keys(topology.spec.nodes).map((id) => [id, 'completed' as const])),
      'succeeded',
    );
    expect(rerunNodes(topology, ok, 'migrate')).toEqual(['api', 'migrate', 'seed', 'web']);
    expect(rerunNodes(topology, ok, 'db')).toEqual(['api', 'db', 'migrate', 'seed', 'web']);
  });

  it('refuses an unknown node, a handler, a volume, and a run with nothing to rerun', () => {
    const ok = run(
      {
        data: 'completed',
        db: 'healthy',
        migrate: 'completed',
        seed: 'completed',
        api: 'running',
        web: 'running',
        other: 'completed',
      },
      'succeeded',
    );
    for (const from of ['ghost', 'notify', 'data']) {
      try {
        rerunNodes(topology, ok, from);
        expect.unreachable();
      } catch (error) {
        expect(isApiError(error) && error.code).toBe('INVALID_INPUT');
      }
    }
    expect(() => rerunNodes(topology, ok)).toThrow(/run r1 of demo succeeded: nothing to rerun/);
  });

  it('knows which states did not finish', () => {
    expect(
      ['failed', 'cancelled', 'skipped', 'pending', 'starting', 'retrying'].every((s) =>
        unfinished(s as NodeRunStateName, 'job'),
      ),
    ).toBe(true);
    expect(unfinished('running', 'job')).toBe(true);
    expect(unfinished('running', 'service')).toBe(false);
    expect(unfinished('healthy', 'service')).toBe(false);
    expect(unfinished('completed', 'job')).toBe(false);
  });
});
