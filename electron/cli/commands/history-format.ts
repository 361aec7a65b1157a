import type { NodeRunState, RunSummary } from '../../../shared/ipc/contract';
import { triggerText } from '../../../shared/text/run-trigger';

export { triggerText };

/** `2026-01-05 14:03:07` in UTC: sortable, the same on every machine. */
export function shortTime(iso: string | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '-';
}

/** Each node's final state, `id:state`, in id order. */
export function nodeStates(nodes: RunSummary['nodes']): string {
  return Object.values(nodes)
    .sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0))
    .map((node) => `${node.nodeId}:${node.state}`)
    .join(' ');
}

/** `KEY=value, …` of a job's outputs, cut to `max` characters. */
export function outputsText(outputs: NodeRunState['outputs'], max = 120): string {
  const text = Object.entries(outputs ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The history as a table: run, status, start, end, trigger, then each node's final state. */
export function historyTable(runs: readonly RunSummary[]): string {
  const header = ['RUN', 'STATUS', 'STARTED (UTC)', 'ENDED (UTC)', 'TRIGGER', 'NODES'];
  const rows = runs.map((run) => [
    run.runId,
    run.state,
    shortTime(run.startedAt),
    shortTime(run.finishedAt),
    triggerText(run),
    nodeStates(run.nodes),
  ]);
  const widths = header
    .slice(0, -1)
    .map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]!) : cell))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
