import { describe, expect, it } from 'vitest';
import { makeTopology } from '../testing/topologies';
import { subgraphOf } from './subgraph';
import { validate } from './validate';

describe('subgraphOf', () => {
  const doc = makeTopology(
    {
      net: { kind: 'network' },
      logs: { kind: 'volume' },
      db: { kind: 'service', image: 'db:1', networks: [{ network: 'net' }] },
      nightly: {
        kind: 'job',
        image: 'etl:1',
        schedule: '0 3 * * *',
        dependsOn: [{ node: 'db', condition: 'started' }],
      },
      web: { kind: 'service', image: 'web:1', dependsOn: [{ node: 'db', condition: 'started' }] },
      alert: {
        kind: 'job',
        image: 'alert:1',
        mounts: [{ type: 'volume', source: 'logs', target: '/logs' }],
      },
    },
    { spec: { handlers: { onFailure: ['alert'] } } },
  );

  it('keeps the node, what it depends on, and the handler jobs with what they mount; a valid topology', () => {
    const part = subgraphOf(doc, 'nightly');
    expect(Object.keys(part.spec.nodes).sort()).toEqual(['alert', 'db', 'logs', 'net', 'nightly']);
    expect(part.spec.handlers).toEqual({ onFailure: ['alert'] });
    expect(validate(part).filter((p) => p.severity === 'error')).toEqual([]);
  });
});
