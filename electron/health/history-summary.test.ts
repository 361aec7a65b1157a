import { describe, expect, it } from 'vitest';
import type { HealthRecovery, HealthStatus } from '../../shared/ipc/health-contract';
import { HealthSummary } from '../../shared/ipc/health-contract';
import { recoveryRecord, statusRecord, summaryFromHistory } from './history-summary';

const status = (
  nodeId: string,
  state: HealthStatus['state'],
  since: string,
  extra: Partial<HealthStatus> = {},
) => statusRecord({ runId: 'r', project: 'p', nodeId, state, since, restarts: 0, ...extra });

const recovery = (result: HealthRecovery['result'], at: string): HealthRecovery => ({
  runId: 'r',
  project: 'p',
  nodeId: 'api',
  action: 'restart',
  trigger: 'exited',
  result,
  attempt: 1,
  maxAttempts: 5,
  reason: 'exited with code 137',
  at,
});

describe('health from the run history', () => {
  it("rebuilds each service's last state, restarts and recoveries", () => {
    const records = [
      { type: 'run.started' as const, runId: 'r', project: 'p', idempotencyKey: 'k', at: 't0', nodes: [] },
      status('api', 'healthy', '2026-01-01T00:00:01.000Z'),
      status('db', 'healthy', '2026-01-01T00:00:01.000Z'),
      status('api', 'unhealthy', '2026-01-01T00:00:02.000Z', { reason: 'exited with code 137' }),
      recoveryRecord(recovery('started', '2026-01-01T00:00:02.000Z')),
      status('api', 'starting', '2026-01-01T00:00:02.100Z', { restarts: 1 }),
      status('db', 'degraded', '2026-01-01T00:00:02.200Z', { cause: 'x', reason: 'x is down' }),
    ];
    const summary = summaryFromHistory('p', 'r', records);
    expect(HealthSummary.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({ project: 'p', runId: 'r', monitoring: false, overall: 'degraded' });
    expect(summary.counts).toMatchObject({ starting: 1, degraded: 1 });
    expect(summary.services.api).toMatchObject({
      state: 'starting',
      restarts: 1,
      since: '2026-01-01T00:00:02.100Z',
    });
    expect(summary.services.api?.reason).toBeUndefined();
    expect(summary.services.api?.recoveries.map((r) => r.result)).toEqual(['started']);
    expect(summary.services.db).toMatchObject({ state: 'degraded', cause: 'x' });
  });

  it('is unknown with no services when nothing was recorded', () => {
    expect(summaryFromHistory('p', 'r', [])).toMatchObject({ overall: 'unknown', services: {} });
  });
});
