import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { HealthRecovery, HealthStatus } from '../../../shared/ipc/contract';
import { events } from '../../../shared/ipc/contract';
import { healthCheck, healthSummary, serviceHealth, time } from '../testing/health';
import {
  CHECKS_KEPT,
  createHealthSlice,
  EMPTY_HEALTH,
  RECOVERIES_KEPT,
  reduceHealthRecovery,
  reduceHealthStatus,
  reduceHealthSummary,
  summarizeHealth,
  type HealthSlice,
  type HealthView,
} from './health-slice';

/** Events as the main side sends them: each is checked against the contract's schema. */
const status = (
  nodeId: string,
  state: HealthStatus['state'],
  second: number,
  extra: Partial<HealthStatus> = {},
) =>
  events['health.status'].parse({
    runId: 'r1',
    project: 'shop',
    nodeId,
    state,
    since: time(second),
    restarts: 0,
    ...extra,
  });

const recovery = (nodeId: string, result: HealthRecovery['result'], second: number, attempt = 1) =>
  events['health.recovery'].parse({
    runId: 'r1',
    project: 'shop',
    nodeId,
    action: 'restart',
    trigger: 'exited',
    result,
    attempt,
    maxAttempts: 5,
    reason: 'the container exited (137)',
    at: time(second),
  });

const apply = (view: HealthView, ...steps: ((v: HealthView) => HealthView)[]) =>
  steps.reduce((v, step) => step(v), view);

describe('health reducers', () => {
  it('follows a killed service through detection, restart and recovery', () => {
    const view = apply(
      EMPTY_HEALTH,
      (v) => reduceHealthStatus(v, status('web', 'healthy', 1, { lastCheck: healthCheck(1, true) })),
      (v) =>
        reduceHealthStatus(
          v,
          status('web', 'unhealthy', 5, {
            previous: 'healthy',
            reason: 'the container exited (137)',
            lastCheck: healthCheck(5, false, 'exited'),
          }),
        ),
      (v) => reduceHealthRecovery(v, recovery('web', 'started', 5)),
      (v) => reduceHealthStatus(v, status('web', 'starting', 6, { restarts: 1 })),
      (v) =>
        reduceHealthStatus(v, status('web', 'healthy', 8, { restarts: 1, lastCheck: healthCheck(8, true) })),
      (v) => reduceHealthRecovery(v, { ...recovery('web', 'recovered', 8), durationMs: 3000 }),
    );
    expect(view.project).toBe('shop');
    expect(view.runId).toBe('r1');
    expect(view.monitoring).toBe(true);
    const web = view.services.web!;
    expect(web).toMatchObject({ state: 'healthy', since: time(8), restarts: 1, checkFailures: 1 });
    expect(web.reason).toBeUndefined();
    expect(web.lastCheck?.at).toBe(time(8));
    expect(web.checks.map((c) => c.ok)).toEqual([true, false, true]);
    expect(web.recoveries.map((r) => r.result)).toEqual(['started', 'recovered']);
  });

  it('keeps a degraded service’s cause, and clears it when it recovers', () => {
    let view = reduceHealthStatus(
      EMPTY_HEALTH,
      status('api', 'degraded', 3, { reason: 'db is unhealthy', cause: 'db' }),
    );
    expect(view.services.api).toMatchObject({ state: 'degraded', cause: 'db', reason: 'db is unhealthy' });
    view = reduceHealthStatus(view, status('api', 'healthy', 9));
    expect(view.services.api?.cause).toBeUndefined();
  });

  it('keeps the newest CHECKS_KEPT checks and RECOVERIES_KEPT recoveries, oldest first, without duplicates', () => {
    let view = EMPTY_HEALTH;
    for (let i = 0; i < CHECKS_KEPT + 15; i++) {
      view = reduceHealthStatus(
        view,
        status('web', i % 2 ? 'healthy' : 'unhealthy', i, { lastCheck: healthCheck(i, i % 2 === 1) }),
      );
      view = reduceHealthRecovery(view, recovery('web', 'started', i, i + 1));
    }
    // The same events again (a reconnect replays nothing, but a summary may repeat them).
    view = reduceHealthStatus(
      view,
      status('web', 'healthy', CHECKS_KEPT + 14, { lastCheck: healthCheck(CHECKS_KEPT + 14, false) }),
    );
    const web = view.services.web!;
    expect(web.checks).toHaveLength(CHECKS_KEPT);
    expect(web.checks[0]!.at).toBe(time(15));
    expect(web.checks.at(-1)!.at).toBe(time(CHECKS_KEPT + 14));
    expect(web.recoveries).toHaveLength(RECOVERIES_KEPT);
    expect(web.recoveries.map((r) => r.attempt)).toEqual(
      Array.from({ length: RECOVERIES_KEPT }, (_, i) => CHECKS_KEPT + 15 - RECOVERIES_KEPT + i + 1),
    );
  });

  it('starts afresh for a new run or another project', () => {
    const first = reduceHealthStatus(EMPTY_HEALTH, status('web', 'healthy', 1, { restarts: 2 }));
    const rerun = reduceHealthStatus(first, { ...status('api', 'starting', 2), runId: 'r2' });
    expect(rerun.runId).toBe('r2');
    expect(Object.keys(rerun.services)).toEqual(['api']);
    const other = reduceHealthStatus(rerun, { ...status('db', 'starting', 3), project: 'other' });
    expect(other.project).toBe('other');
    expect(Object.keys(other.services)).toEqual(['db']);
  });

  it('merges a health.get summary with newer events instead of going back in time', () => {
    // The event (second 9) was pushed while the summary (read at second 5) was on its way.
    const live = reduceHealthStatus(
      EMPTY_HEALTH,
      status('web', 'unhealthy', 9, { restarts: 1, lastCheck: healthCheck(9, false, 'HTTP 500') }),
    );
    const merged = reduceHealthSummary(
      live,
      healthSummary([
        serviceHealth('web', {
          state: 'healthy',
          since: time(5),
          restarts: 1,
          checkFailures: 4,
          lastCheck: healthCheck(5, true),
          checks: [healthCheck(3, false, 'HTTP 500'), healthCheck(5, true)],
          recoveries: [recovery('web', 'recovered', 4)],
        }),
        serviceHealth('db', { state: 'starting', since: time(2) }),
      ]),
    );
    expect(merged.services.web).toMatchObject({
      state: 'unhealthy',
      since: time(9),
      restarts: 1,
      checkFailures: 4,
    });
    expect(merged.services.web!.lastCheck?.at).toBe(time(9));
    expect(merged.services.web!.checks.map((c) => c.at)).toEqual([time(3), time(5), time(9)]);
    expect(merged.services.web!.recoveries).toHaveLength(1);
    expect(merged.services.db?.state).toBe('starting');
  });

  it('keeps a newer summary’s state when an older event arrives after it, taking only its check', () => {
    const read = reduceHealthSummary(
      EMPTY_HEALTH,
      healthSummary([
        serviceHealth('web', {
          state: 'healthy',
          since: time(9),
          restarts: 1,
          lastCheck: healthCheck(9, true),
        }),
      ]),
    );
    const late = reduceHealthStatus(
      read,
      status('web', 'unhealthy', 5, { reason: 'HTTP 500', lastCheck: healthCheck(5, false, 'HTTP 500') }),
    );
    expect(late.services.web).toMatchObject({ state: 'healthy', since: time(9), restarts: 1 });
    expect(late.services.web!.reason).toBeUndefined();
    expect(late.services.web!.lastCheck?.at).toBe(time(9));
    expect(late.services.web!.checks.map((c) => c.at)).toEqual([time(5)]);
  });

  it('replaces everything with a summary of another run, read back from history', () => {
    const live = reduceHealthStatus(EMPTY_HEALTH, status('web', 'healthy', 1));
    const read = reduceHealthSummary(
      live,
      healthSummary([serviceHealth('api')], { runId: 'r0', monitoring: false }),
    );
    expect(read).toMatchObject({ runId: 'r0', monitoring: false });
    expect(Object.keys(read.services)).toEqual(['api']);
  });
});

describe('summarizeHealth', () => {
  it('counts services by state and names the worst', () => {
    const view = apply(
      EMPTY_HEALTH,
      (v) => reduceHealthStatus(v, status('a', 'healthy', 1)),
      (v) => reduceHealthStatus(v, status('b', 'healthy', 1)),
      (v) => reduceHealthStatus(v, status('c', 'healthy', 1)),
      (v) => reduceHealthStatus(v, status('d', 'degraded', 1, { cause: 'c' })),
      (v) => reduceHealthStatus(v, status('e', 'starting', 1)),
    );
    const overview = summarizeHealth(view.services);
    expect(overview.counts).toEqual({
      starting: 1,
      healthy: 3,
      degraded: 1,
      unhealthy: 0,
      unknown: 0,
      failed: 0,
    });
    expect(overview.total).toBe(5);
    expect(overview.overall).toBe('degraded');
    expect(summarizeHealth(reduceHealthStatus(view, status('f', 'failed', 2)).services).overall).toBe(
      'failed',
    );
    expect(summarizeHealth({}).overall).toBeNull();
  });
});

describe('the health slice', () => {
  it('applies events, summaries and resets, and leaves the state alone when nothing changed', () => {
    const store = create<HealthSlice>()(createHealthSlice);
    store.getState().applyHealthStatus(status('web', 'healthy', 1));
    const before = store.getState().health;
    store.getState().applyHealthRecovery(recovery('web', 'started', 2));
    expect(store.getState().health.services.web?.recoveries).toHaveLength(1);
    const afterRecovery = store.getState().health;
    store.getState().applyHealthRecovery(recovery('web', 'started', 2));
    expect(store.getState().health).toBe(afterRecovery);
    expect(before).not.toBe(afterRecovery);
    store.getState().resetHealth('shop');
    expect(store.getState().health).toEqual({ ...EMPTY_HEALTH, project: 'shop' });
    const reset = store.getState().health;
    store.getState().resetHealth('shop');
    expect(store.getState().health).toBe(reset);
  });
});
