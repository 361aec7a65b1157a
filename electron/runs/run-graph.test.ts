import { describe, expect, it } from 'vitest';
import { makeTopology } from '../../shared/testing/topologies';
import { plan, type Topology } from '../../shared/topology';
import { buildRunGraph } from './run-graph';

function graph(topology: Topology) {
  const planned = plan(topology);
  if (!planned.ok) throw new Error('no plan');
  return new Map(buildRunGraph(topology, planned.plan).map((task) => [task.id, task]));
}

describe('buildRunGraph', () => {
  it("gives a job's task every retry field of the topology, with the defaults filled in", () => {
    const tasks = graph(
      makeTopology({
        tuned: {
          kind: 'job',
          image: 'x',
          retry: { maxAttempts: 4, backoff: { initial: '2s', max: '1m', multiplier: 3, jitter: 1 } },
        },
        plain: { kind: 'job', image: 'x', retry: { maxAttempts: 2 } },
      }),
    );
    expect(tasks.get('job:tuned')?.retry).toEqual({
      maxAttempts: 4,
      initialDelayMs: 2_000,
      maxDelayMs: 60_000,
      multiplier: 3,
      jitter: 1,
    });
    expect(tasks.get('job:plain')?.retry).toEqual({
      maxAttempts: 2,
      initialDelayMs: 1_000,
      maxDelayMs: 30_000,
      multiplier: 2,
      jitter: 0.5,
    });
  });

  it("makes a job's dependents after the job (its outputs are in their environment), others ahead", () => {
    const tasks = graph(
      makeTopology({
        extract: { kind: 'job', image: 'x' },
        db: { kind: 'service', image: 'x' },
        load: {
          kind: 'job',
          image: 'x',
          dependsOn: [
            { node: 'extract', condition: 'completed' },
            { node: 'db', condition: 'started' },
          ],
        },
        report: {
          kind: 'service',
          image: 'x',
          dependsOn: [{ node: 'extract', condition: 'completed', required: false }],
        },
      }),
    );
    expect(tasks.get('create:load')?.dependsOn).toEqual(['job:extract', 'network:(default)']);
    expect(tasks.get('create:report')?.optionalDependsOn).toEqual(['job:extract']);
    // A service's dependents are still made while it starts.
    expect(tasks.get('create:load')?.dependsOn).not.toContain('start:db');
  });
});
