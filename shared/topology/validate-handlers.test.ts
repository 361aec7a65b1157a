import { describe, expect, it } from 'vitest';
import { makeTopology } from '../testing/topologies';
import { handlersFor, handlerIds } from './handler-parts';
import type { Topology, TopologyNode } from './model';
import { plan } from './plan';
import { withoutHandlers } from './run-handlers';
import { validate } from './validate';

const job = (extra: Partial<Extract<TopologyNode, { kind: 'job' }>> = {}): TopologyNode => ({
  kind: 'job',
  image: 'busybox',
  ...extra,
});

const codes = (topology: Topology) =>
  validate(topology)
    .filter((p) => p.code.startsWith('HANDLER_'))
    .map((p) => `${p.code} ${p.path.join('.')}`);

describe('run handlers in the topology', () => {
  const sound = makeTopology(
    {
      data: { kind: 'volume' },
      net: { kind: 'network' },
      build: job(),
      notify: job({
        mounts: [{ type: 'volume', source: 'data', target: '/d' }],
        networks: [{ network: 'net' }],
      }),
      report: job(),
    },
    { spec: { handlers: { onFailure: ['notify'], onExit: ['report', 'notify'] } } },
  );

  it('accepts handler jobs that use volumes and networks', () => {
    expect(codes(sound)).toEqual([]);
    expect(validate(sound).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('refuses a missing handler, a handler that is not a job, and handlers in the graph', () => {
    const topology = makeTopology(
      {
        api: { kind: 'service', image: 'x' },
        notify: job({ dependsOn: [{ node: 'api', condition: 'started' }] }),
        uses: job({ dependsOn: [{ node: 'notify', condition: 'completed' }] }),
      },
      { spec: { handlers: { onSuccess: ['ghost', 'api'], onFailure: ['notify'] } } },
    );
    expect(codes(topology).sort()).toEqual([
      'HANDLER_IN_GRAPH spec.nodes.notify.dependsOn.0.node',
      'HANDLER_IN_GRAPH spec.nodes.uses.dependsOn.0.node',
      'HANDLER_NOT_JOB spec.handlers.onSuccess.1',
      'HANDLER_UNKNOWN spec.handlers.onSuccess.0',
    ]);
  });

  it('leaves handlers out of the plan: they run after the run', () => {
    const result = plan(sound);
    expect(result.ok).toBe(true);
    const planned = result.ok ? result.plan.waves.flatMap((w) => w.steps.map((s) => s.nodeId)) : [];
    expect(planned.sort()).toEqual(['build', 'data', 'net']);
    expect(Object.keys(withoutHandlers(sound).spec.nodes).sort()).toEqual(['build', 'data', 'net']);
    expect(withoutHandlers(sound).spec.handlers).toBeUndefined();
    const plain = makeTopology({ a: job() });
    expect(withoutHandlers(plain)).toBe(plain);
  });

  it('picks the handlers of how the run ended, each once', () => {
    const handlers = sound.spec.handlers;
    expect(handlersFor(handlers, 'succeeded')).toEqual(['report', 'notify']);
    expect(handlersFor(handlers, 'failed')).toEqual(['notify', 'report']);
    expect(handlersFor(handlers, 'cancelled')).toEqual(['report', 'notify']);
    expect(handlersFor({ onSuccess: ['a'], onFailure: ['b'] }, 'cancelled')).toEqual([]);
    expect([...handlerIds(handlers)].sort()).toEqual(['notify', 'report']);
  });
});
