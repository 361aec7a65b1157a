import { describe, expect, it } from 'vitest';
import { makeTopology } from '../testing/topologies';
import { unsupportedFields } from './field-support';

const ENGINE_20_10 = { apiVersion: '1.41', runtimes: ['io.containerd.runc.v2', 'runc'] };

describe('fields the engine cannot apply', () => {
  it('refuses each with UNSUPPORTED_FIELD naming the node and the field', () => {
    const topology = makeTopology(
      {
        web: {
          kind: 'service',
          image: 'nginx',
          healthcheck: { test: 'true', startInterval: '1s' },
          mounts: [{ type: 'volume', source: 'data', target: '/d', subpath: 'x' }],
          resources: { reservations: { cpus: '0.5', memory: '64m' } },
          runtime: 'kata',
        },
        data: { kind: 'volume' },
      },
      { spec: { secrets: { token: { external: true } } } },
    );
    const found = unsupportedFields(topology, ENGINE_20_10);
    expect(found.every((p) => p.code === 'UNSUPPORTED_FIELD' && p.severity === 'error')).toBe(true);
    expect(found.map((p) => p.path.join('.'))).toEqual([
      'spec.nodes.web.healthcheck.startInterval',
      'spec.nodes.web.mounts.0.subpath',
      'spec.nodes.web.resources.reservations.cpus',
      'spec.nodes.web.runtime',
      'spec.secrets.token.external',
    ]);
    expect(found[0]?.message).toBe(
      '"web": `healthcheck.startInterval` cannot be applied: it needs Docker API 1.44 or newer, and this engine speaks 1.41.',
    );
    expect(found[3]?.message).toContain('"io.containerd.runc.v2", "runc"');
  });

  it('accepts what a newer engine supports and a runtime it has', () => {
    const topology = makeTopology({
      web: {
        kind: 'service',
        image: 'nginx',
        runtime: 'runc',
        healthcheck: { test: 'true', startInterval: '1s' },
        mounts: [{ type: 'volume', source: 'data', target: '/d', subpath: 'x' }],
        // The health monitor applies it (electron/health/recovery-breaker.ts).
        recovery: { circuitBreaker: { failureThreshold: 3, resetAfter: '1m' } },
      },
      data: { kind: 'volume' },
    });
    expect(unsupportedFields(topology, { apiVersion: '1.45', runtimes: ['runc'] })).toEqual([]);
    // Runtimes unknown: not judged here (the engine answers at create).
    expect(unsupportedFields(topology, { apiVersion: '1.45' })).toEqual([]);
  });
});
