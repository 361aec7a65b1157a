import { afterEach, describe, expect, it } from 'vitest';
import type { HealthRecovery } from '../../shared/ipc/health-contract';
import type { ServiceNode } from '../../shared/topology';
import { silentLogger } from '../common/logger';
import { FakeHealthDocker } from '../testing/health-docker.fake';
import { TimeSkippingClock } from '../testing/time-skipping-clock';
import { topology } from '../testing/topologies';
import { ProjectWatch } from './project-watch';
import { RecoveryBreaker } from './recovery-breaker';

describe('RecoveryBreaker', () => {
  it('opens after the threshold of failures in a row, for resetAfter, then lets one trial through', () => {
    const breaker = new RecoveryBreaker({ failureThreshold: 3, resetAfterMs: 60_000 });
    expect([breaker.failed(0), breaker.failed(10), breaker.state(10)]).toEqual([false, false, 'closed']);
    expect(breaker.failed(20)).toBe(true);
    expect([breaker.state(20), breaker.waitMs(20)]).toEqual(['open', 60_000]);
    expect([breaker.state(30_020), breaker.waitMs(30_020)]).toEqual(['open', 30_000]);
    expect([breaker.state(60_020), breaker.waitMs(60_020)]).toEqual(['half-open', 0]);
    // The trial failed: open again, for another resetAfter.
    expect(breaker.failed(60_030)).toBe(true);
    expect(breaker.waitMs(60_030)).toBe(60_000);
    breaker.succeeded();
    expect([breaker.state(60_040), breaker.waitMs(60_040), breaker.consecutiveFailures]).toEqual([
      'closed',
      0,
      0,
    ]);
  });

  it('a success in between starts the count over', () => {
    const breaker = new RecoveryBreaker({ failureThreshold: 2, resetAfterMs: 1_000 });
    breaker.failed(0);
    breaker.succeeded();
    expect(breaker.failed(5)).toBe(false);
    expect(breaker.failed(6)).toBe(true);
  });

  it('never opens without a policy', () => {
    const breaker = new RecoveryBreaker(undefined);
    for (let i = 0; i < 10; i++) expect(breaker.failed(i)).toBe(false);
    expect(breaker.waitMs(10)).toBe(0);
  });
});

const watches: ProjectWatch[] = [];
afterEach(() => {
  for (const watch of watches.splice(0)) watch.dispose();
});

describe('recovery.circuitBreaker in the monitor, on a skipping clock', () => {
  it('pauses restarts for resetAfter after failureThreshold failed recoveries, then tries once', async () => {
    const clock = new TimeSkippingClock();
    const docker = new FakeHealthDocker(clock);
    docker.add('web');
    const recoveries: HealthRecovery[] = [];
    const web: ServiceNode = {
      kind: 'service',
      image: 'x',
      recovery: {
        maxRestarts: 100,
        window: '24h',
        backoff: { initial: '1s', max: '1s', jitter: 0 },
        circuitBreaker: { failureThreshold: 2, resetAfter: '5m' },
      },
    };
    const watch = new ProjectWatch({
      runId: 'r1',
      project: 'p',
      topology: topology('p', { web }),
      docker,
      clock,
      logger: silentLogger,
      random: () => 0.5,
      onStatus: () => {},
      onRecovery: (event) => recoveries.push(event),
      onCheck: () => {},
    }).start();
    watches.push(watch);
    await expect.poll(() => watch.summary().services.web?.state).toBe('healthy');
    // The engine refuses three starts: two open the breaker, the trial after it fails and reopens it.
    docker.refusals.set('web', 3);
    docker.crash('p-web');
    const results = () => recoveries.map((r) => r.result);
    await expect.poll(() => results().at(-1), { timeout: 20_000 }).toBe('recovered');
    expect(results()).toEqual([
      'started',
      'failed',
      'started',
      'failed',
      'circuit-open',
      'started',
      'failed',
      'circuit-open',
      'started',
      'recovered',
    ]);
    const at = (i: number) => Date.parse(recoveries[i]?.at ?? '');
    // Once at once, once after the 1 s backoff; then nothing until the breaker half-opens.
    expect(at(2) - at(0)).toBe(1_000);
    expect(recoveries[4]?.delayMs).toBe(300_000);
    expect(at(5) - at(4)).toBe(300_000);
    expect(at(8) - at(7)).toBe(300_000);
    expect(recoveries[4]?.reason).toMatch(/2 failed recoveries in a row: no restart for 300 s/);
  });
});
