import { useCallback, useEffect, useState } from 'react';
import type { RunSummary } from '../../../shared/ipc/contract';
import { triggerText } from '../../../shared/text/run-trigger';
import { useApi } from '../api/api-context';
import { STATE_LOOK } from '../editor/node-look';
import { currentProject } from '../run/run-actions';
import type { AppState } from '../store/app-store';
import { useAppStore } from '../store/store-context';
import { RunDetailsView } from './run-details-view';
import './history.css';

const selectProject = (s: AppState) => currentProject(s);
/** Changes when the shown run starts or ends: the list is read again then. */
const selectRunMark = (s: AppState) => (s.run ? `${s.run.runId}:${s.run.state}` : '');

/** `14:03:07` today, else `2026-01-05 14:03`; the full time in the title. */
export function when(iso: string | undefined, now = new Date()): string {
  if (!iso) return '–';
  const at = new Date(iso);
  const sameDay = at.toDateString() === now.toDateString();
  return sameDay
    ? at.toLocaleTimeString()
    : `${at.toLocaleDateString()} ${at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
}

const RUN_STATE_WORD: Record<RunSummary['state'], string> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
};

/** Each node's final state as small chips, in id order. */
function NodeChips({ run }: { run: RunSummary }) {
  const nodes = Object.values(run.nodes).sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1));
  return (
    <span className="history__chips">
      {nodes.map((node) => {
        const look = STATE_LOOK[node.state];
        return (
          <span
            key={node.nodeId}
            className={`history__chip dw-state--${look.tone}`}
            title={`${node.nodeId}: ${look.word}${node.error ? ` — ${node.error.message}` : ''}`}
          >
            <span aria-hidden="true">{look.icon}</span> {node.nodeId}
            <span className="sr-only"> {look.word}</span>
          </span>
        );
      })}
    </span>
  );
}

/**
 * The run history (runs.history), newest first: id, status, start, end, trigger and each node's
 * final state, for this project or all. Opening a run shows its nodes, outputs, trace and the
 * kept tail of its logs.
 */
export function HistoryPanel() {
  const api = useApi();
  const project = useAppStore(selectProject);
  const runMark = useAppStore(selectRunMark);
  const [scope, setScope] = useState<'project' | 'all'>('project');
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);

  const load = useCallback(() => {
    api.runs
      .history(scope === 'project' ? { project, limit: 200 } : { limit: 200 })
      .then((list) => {
        setRuns(list);
        setError(null);
      })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  }, [api, project, scope]);

  useEffect(() => load(), [load, runMark]);

  if (opened) return <RunDetailsView runId={opened} onBack={() => setOpened(null)} />;
  return (
    <div className="history">
      <div className="history__bar" role="toolbar" aria-label="History controls">
        <label className="history__field">
          Show
          <select value={scope} onChange={(event) => setScope(event.target.value as 'project' | 'all')}>
            <option value="project">runs of {project}</option>
            <option value="all">runs of every project</option>
          </select>
        </label>
        <button type="button" className="history__button" onClick={load}>
          Refresh
        </button>
        {runs && <span className="history__count">{runs.length} runs</span>}
      </div>
      {error && (
        <p className="history__error" role="alert">
          {error}
        </p>
      )}
      {runs && runs.length === 0 && (
        <p className="history__empty">No runs yet: Run the topology and it is listed here.</p>
      )}
      {runs && runs.length > 0 && (
        <table className="history__table" aria-label="Run history">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Ended</th>
              <th scope="col">Trigger</th>
              {scope === 'all' && <th scope="col">Project</th>}
              <th scope="col">Nodes</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.runId} data-testid={`history-run-${run.runId}`} data-state={run.state}>
                <td>
                  <button type="button" className="history__open" onClick={() => setOpened(run.runId)}>
                    {run.runId}
                  </button>
                </td>
                <td className={`history__state history__state--${run.state}`}>{RUN_STATE_WORD[run.state]}</td>
                <td title={run.startedAt}>{when(run.startedAt)}</td>
                <td title={run.finishedAt}>{when(run.finishedAt)}</td>
                <td>{triggerText(run)}</td>
                {scope === 'all' && <td>{run.project}</td>}
                <td>
                  <NodeChips run={run} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
