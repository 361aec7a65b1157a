import { describe, expect, it } from 'vitest';
import type { ServiceNode } from '../../shared/topology';
import { engineRestarts, resolveHealth, resolveRecovery } from './check-spec';
import { RecoveryBudget } from './recovery-budget';

const svc = (extra: Partial<ServiceNode> = {}): ServiceNode => ({ kind: 'service', image: 'x', ...extra });

describe('resolving checks and recovery', () => {
  it('applies defaults, keeps the start interval no slower than the interval, and compiles patterns', () => {
    const { checks, autoEngine, disabled } = resolveHealth(
      svc({
        health: {
          checks: [
            { type: 'http', port: 8080, body: 'ok$', interval: '500ms' },
            { type: 'exec', command: 'test -f /ready', retries: 0 },
            { type: 'engine' },
          ],
        },
      }),
    );
    expect(autoEngine).toBe(false);
    expect(disabled).toBe(false);
    const [http, exec, engine] = checks;
    expect(http).toMatchObject({
      type: 'http',
      name: 'http :8080/',
      intervalMs: 500,
      timeoutMs: 2000,
      retries: 3,
      startIntervalMs: 500,
      http: { port: 8080, path: '/', scheme: 'http', status: [[200, 399]] },
    });
    expect(http?.http?.body?.test('all ok')).toBe(true);
    expect(exec).toMatchObject({
      retries: 1,
      intervalMs: 5000,
      startIntervalMs: 1000,
      exec: { command: ['sh', '-c', 'test -f /ready'] },
    });
    expect(engine).toMatchObject({ type: 'engine', retries: 1 });
  });

  it("falls back to the engine's healthcheck when no checks are given, unless it is disabled", () => {
    expect(resolveHealth(svc()).autoEngine).toBe(true);
    expect(resolveHealth(svc({ healthcheck: { test: 'true', disable: true } })).autoEngine).toBe(false);
    expect(resolveHealth(svc({ health: { checks: [] } })).autoEngine).toBe(false);
    expect(resolveHealth(svc({ health: { disable: true } })).disabled).toBe(true);
  });

  it('fills the recovery policy', () => {
    expect(resolveRecovery(svc())).toEqual({
      restartUnhealthy: true,
      restartOnExit: true,
      action: 'restart',
      maxRestarts: 5,
      windowMs: 600_000,
      backoff: { initialMs: 1000, maxMs: 30_000, multiplier: 2, jitter: 0.2 },
    });
    expect(
      resolveRecovery(
        svc({ recovery: { maxRestarts: 2, window: '1m', action: 'recreate', restartOnExit: false } }),
      ),
    ).toMatchObject({ maxRestarts: 2, windowMs: 60_000, action: 'recreate', restartOnExit: false });
  });

  it("knows when the engine's restart policy brings a container back by itself", () => {
    expect(engineRestarts('always', 0, false)).toBe(true);
    expect(engineRestarts('unless-stopped', 137, false)).toBe(true);
    expect(engineRestarts('on-failure:3', 1, false)).toBe(true);
    expect(engineRestarts('on-failure', 0, false)).toBe(false);
    expect(engineRestarts(undefined, 1, false)).toBe(false);
    // `docker kill` is a stop through the API: the engine leaves it stopped, whatever the policy.
    expect(engineRestarts('always', 137, true)).toBe(false);
  });
});

describe('recovery budget', () => {
  const policy = resolveRecovery(
    svc({ recovery: { maxRestarts: 3, window: '10s', backoff: { initial: '1s', max: '3s', jitter: 0 } } }),
  );

  it('restarts at once first, then backs off, capped', () => {
    const budget = new RecoveryBudget(policy);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      delays.push(budget.nextDelay());
      budget.record(i);
    }
    expect(delays).toEqual([0, 1000, 2000, 3000]);
    budget.recovered();
    expect(budget.nextDelay()).toBe(0);
  });

  it('counts attempts in a sliding window', () => {
    const budget = new RecoveryBudget(policy);
    expect([budget.record(0), budget.record(1000), budget.record(2000)]).toEqual([1, 2, 3]);
    expect(budget.exhausted(2500)).toBe(true);
    // The first attempt leaves the 10 s window: one more is allowed.
    expect(budget.used(10_000)).toBe(2);
    expect(budget.exhausted(10_000)).toBe(false);
  });

  it('spreads delays by the jitter fraction, never below zero', () => {
    const jittery = resolveRecovery(svc({ recovery: { backoff: { initial: '1s', jitter: 0.5 } } }));
    const low = new RecoveryBudget(jittery, () => 0);
    const high = new RecoveryBudget(jittery, () => 0.999_999);
    low.record(0);
    high.record(0);
    // Spread below the delay, as a job's retries: from (1 - jitter) of it to all of it.
    expect(low.nextDelay()).toBe(500);
    expect(high.nextDelay()).toBe(1000);
  });
});
