import { describe, expect, it } from 'vitest';
import { describeCheck, parseStatusSpec, statusAccepted } from './health-spec';
import type { HealthCheck, ServiceNode } from './model';
import type { Problem } from './problem';
import { makeTopology } from '../testing/topologies';
import { validate } from './validate';

const svc = (extra: Partial<ServiceNode> = {}): ServiceNode => ({
  kind: 'service',
  image: 'nginx:1.25',
  ...extra,
});

const withChecks = (checks: HealthCheck[], extra: Partial<ServiceNode> = {}) =>
  validate(makeTopology({ api: svc({ health: { checks }, ...extra }) }));

const codes = (list: Problem[]) => list.map((p) => `${p.code} ${p.path.join('.')}`);

describe('health and recovery validation', () => {
  it('accepts sound checks and recovery without a problem', () => {
    const problems = validate(
      makeTopology({
        api: svc({
          healthcheck: { test: ['CMD', 'true'] },
          health: {
            checks: [
              { type: 'http', port: 8080, path: '/health', status: '200,204', body: '^ok', interval: '1s' },
              { type: 'tcp', port: 5432, retries: 1, startPeriod: '10s', startInterval: '250ms' },
              { type: 'exec', command: ['pg_isready'] },
              { type: 'engine' },
            ],
          },
          recovery: { action: 'recreate', maxRestarts: 0, window: '5m', backoff: { initial: '500ms' } },
        }),
      }),
    );
    expect(problems).toEqual([]);
  });

  it('reports bad ports, statuses, paths, patterns, retries and commands where they are', () => {
    const problems = withChecks([
      { type: 'http', port: 0, status: '600', path: 'health', body: '(' },
      { type: 'tcp', port: 70000, retries: 0 },
      { type: 'exec', command: [] },
      { type: 'http', port: 80, status: '399-200', interval: 'soon' },
    ]);
    expect(codes(problems).sort()).toEqual(
      [
        'DURATION_INVALID spec.nodes.api.health.checks.3.interval',
        'HEALTH_CHECK_INVALID spec.nodes.api.health.checks.0.body',
        'HEALTH_CHECK_INVALID spec.nodes.api.health.checks.0.path',
        'HEALTH_CHECK_INVALID spec.nodes.api.health.checks.0.port',
        'HEALTH_CHECK_INVALID spec.nodes.api.health.checks.0.status',
        'HEALTH_CHECK_INVALID spec.nodes.api.health.checks.1.port',
        'HEALTH_CHECK_INVALID spec.nodes.api.health.checks.1.retries',
        'HEALTH_CHECK_INVALID spec.nodes.api.health.checks.2.command',
        'HEALTH_CHECK_INVALID spec.nodes.api.health.checks.3.status',
      ].sort(),
    );
    expect(problems.every((p) => p.nodeId === 'api')).toBe(true);
  });

  it('warns about an engine check without a healthcheck and a network check without a network', () => {
    expect(codes(withChecks([{ type: 'engine' }]))).toEqual([
      'HEALTH_CHECK_NO_ENGINE spec.nodes.api.health.checks.0',
    ]);
    const disabled = withChecks([{ type: 'engine' }], { healthcheck: { test: 'true', disable: true } });
    expect(disabled[0]?.message).toMatch(/disables it/);
    const offline = withChecks([{ type: 'tcp', port: 80 }], { networkMode: 'none' });
    expect(offline.map((p) => [p.code, p.severity])).toEqual([['HEALTH_CHECK_UNREACHABLE', 'warning']]);
  });

  it('rejects a negative restart budget and an empty window', () => {
    const problems = validate(
      makeTopology({ api: svc({ recovery: { maxRestarts: -1, window: '0s', backoff: { initial: 'x' } } }) }),
    );
    expect(codes(problems).sort()).toEqual([
      'DURATION_INVALID spec.nodes.api.recovery.backoff.initial',
      'RECOVERY_INVALID spec.nodes.api.recovery.maxRestarts',
      'RECOVERY_INVALID spec.nodes.api.recovery.window',
    ]);
    expect(codes(validate(makeTopology({ api: svc({ recovery: { window: '1h' } }) })))).toEqual([]);
  });

  it('checks the circuit breaker: a threshold of 1 or more, a reset after longer than 0', () => {
    const bad = validate(
      makeTopology({ api: svc({ recovery: { circuitBreaker: { failureThreshold: 0, resetAfter: '0s' } } }) }),
    );
    expect(codes(bad).sort()).toEqual([
      'RECOVERY_INVALID spec.nodes.api.recovery.circuitBreaker.failureThreshold',
      'RECOVERY_INVALID spec.nodes.api.recovery.circuitBreaker.resetAfter',
    ]);
    const good = makeTopology({
      api: svc({ recovery: { circuitBreaker: { failureThreshold: 2, resetAfter: '30s' } } }),
    });
    expect(codes(validate(good))).toEqual([]);
  });
});

describe('health spec helpers', () => {
  it('reads status specs as ranges, refusing what is not one', () => {
    expect(parseStatusSpec(undefined)).toEqual([[200, 399]]);
    expect(parseStatusSpec(204)).toEqual([[204, 204]]);
    expect(parseStatusSpec('200, 300-302')).toEqual([
      [200, 200],
      [300, 302],
    ]);
    for (const bad of ['', 'ok', '99', '200-', '302-300', '200,,204', '600'])
      expect(parseStatusSpec(bad)).toBeUndefined();
    const ranges = parseStatusSpec('200-299,404')!;
    expect([200, 299, 404, 300, 500].map((s) => statusAccepted(ranges, s))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('describes checks for the health view', () => {
    expect(describeCheck({ type: 'http', port: 8080 })).toBe('http :8080/');
    expect(describeCheck({ type: 'http', port: 443, scheme: 'https', path: '/h' })).toBe('https :443/h');
    expect(describeCheck({ type: 'tcp', port: 5432 })).toBe('tcp :5432');
    expect(describeCheck({ type: 'exec', command: ['pg_isready', '-q'] })).toBe('exec pg_isready -q');
    expect(describeCheck({ type: 'engine', name: 'docker' })).toBe('docker');
  });
});

describe('health and recovery through Compose', () => {
  it('keeps checks and the recovery policy in x-dockwright, listed, and reads them back', async () => {
    const { exportCompose, importCompose } = await import('../compose');
    const api = svc({
      health: { checks: [{ type: 'http', port: 8080, path: '/health', interval: '1s' }] },
      recovery: { action: 'recreate', maxRestarts: 2, window: '5m' },
    });
    const exported = exportCompose(makeTopology({ api }, { metadata: { name: 'shop' } }));
    expect(exported.compose.services['api']?.['x-dockwright']).toEqual({
      recovery: api.recovery,
      health: api.health,
    });
    expect(exported.fidelity.map((f) => f.keptIn)).toEqual([
      'services.api.x-dockwright.recovery',
      'services.api.x-dockwright.health',
    ]);
    const back = importCompose(exported.yaml);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.topology.spec.nodes['api']).toMatchObject({ health: api.health, recovery: api.recovery });
  });
});
