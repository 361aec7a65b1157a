import type { NodeRunState, RunSummary } from '../../shared/ipc/contract';
import { RunHistory, type HistoryRecord } from './run-history';

/** What an adopted container's engine state means as a node state. */
export function adoptedState(state: string | undefined, status: string, kind: string): NodeRunState['state'] {
  if (state === 'running') return /\(healthy\)/.test(status) ? 'healthy' : 'running';
  const exit = /Exited \((\d+)\)/.exec(status);
  if (exit) return exit[1] === '0' && kind === 'job' ? 'completed' : 'failed';
  return 'pending';
}

/** A run as its history tells it: the summary plus each node's last recorded state. */
export function summaryFromRecords(records: readonly HistoryRecord[]): RunSummary | undefined {
  const base = RunHistory.summarize(records);
  if (!base) return undefined;
  const { pid: _pid, ...summary } = base;
  const nodes: RunSummary['nodes'] = {};
  for (const record of records) {
    if (record.type === 'node') {
      const { type: _type, ...state } = record;
      nodes[record.nodeId] = state as unknown as NodeRunState;
    }
  }
  return { ...summary, nodes };
}
