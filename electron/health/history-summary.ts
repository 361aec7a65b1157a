import {
  HealthRecovery,
  HealthStatus,
  type HealthSummary,
  type ServiceHealth,
} from '../../shared/ipc/health-contract';
import type { HistoryRecord } from '../runs/run-history';
import { HEALTH_STATES, worstOf, type HealthState } from './health-state';

// Records are read back through the schemas: a line from another version is skipped, not trusted.
const StatusRecord = HealthStatus.omit({ runId: true, project: true, since: true });
const RecoveryRecord = HealthRecovery.omit({ runId: true, project: true });

/** A status change as the run history keeps it. */
export function statusRecord(event: HealthStatus): HistoryRecord {
  const { runId: _runId, project: _project, since, ...rest } = event;
  return { type: 'health', at: since, ...rest };
}

/** A recovery step as the run history keeps it. */
export function recoveryRecord(event: HealthRecovery): HistoryRecord {
  const { runId: _runId, project: _project, ...rest } = event;
  return { type: 'recovery', ...rest };
}

const RECENT = 10;

/**
 * A run's health as its history tells it (nobody watches it now): each service's last state,
 * its restarts and its recent recoveries. Check results are not kept in the history.
 */
export function summaryFromHistory(
  project: string,
  runId: string,
  records: readonly HistoryRecord[],
): HealthSummary {
  const services = new Map<string, ServiceHealth>();
  const service = (nodeId: string): ServiceHealth => {
    let known = services.get(nodeId);
    if (!known) {
      known = {
        nodeId,
        state: 'unknown',
        since: '',
        restarts: 0,
        checkFailures: 0,
        checks: [],
        recoveries: [],
        containers: [],
      };
      services.set(nodeId, known);
    }
    return known;
  };
  for (const record of records) {
    if (record.type === 'health') {
      const status = StatusRecord.safeParse(record);
      if (!status.success) continue;
      const entry = service(status.data.nodeId);
      entry.state = status.data.state;
      entry.since = record.at;
      entry.restarts = status.data.restarts;
      if (status.data.reason !== undefined) entry.reason = status.data.reason;
      else delete entry.reason;
      if (status.data.cause !== undefined) entry.cause = status.data.cause;
      else delete entry.cause;
      if (status.data.lastCheck) entry.lastCheck = status.data.lastCheck;
    } else if (record.type === 'recovery') {
      const recovery = RecoveryRecord.safeParse(record);
      if (!recovery.success) continue;
      const entry = service(recovery.data.nodeId);
      entry.recoveries.push({ ...recovery.data, runId, project });
      if (entry.recoveries.length > RECENT) entry.recoveries.shift();
    }
  }
  const list = [...services.values()].filter((s) => s.since !== '');
  const counts = Object.fromEntries(HEALTH_STATES.map((s) => [s, 0])) as Record<HealthState, number>;
  for (const s of list) counts[s.state]++;
  return {
    project,
    runId,
    monitoring: false,
    overall: list.length === 0 ? 'unknown' : worstOf(list.map((s) => s.state)),
    counts,
    services: Object.fromEntries(
      list.sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1)).map((s) => [s.nodeId, s]),
    ),
  };
}
