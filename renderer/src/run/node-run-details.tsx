import type { NodeRunState } from '../../../shared/ipc/contract';
import { useApi } from '../api/api-context';
import { STATE_LOOK, stateText } from '../editor/node-look';
import type { AppState } from '../store/app-store';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { OutputsTable } from './outputs-table';
import { rerun, rerunFromBlockedReason } from './rerun-actions';
import './run-details.css';

/**
 * The selected node in the run shown: its state and what the run did, why it failed or was
 * skipped, a job's outputs, and "Rerun from here". Nothing when the node has not run.
 */
export function NodeRunDetails({ nodeId }: { nodeId: string }) {
  const selectState = (s: AppState) => s.nodeStates[nodeId];
  const state = useAppStore(selectState);
  return state ? <RunDetails nodeId={nodeId} state={state} /> : null;
}

function RunDetails({ nodeId, state }: { nodeId: string; state: NodeRunState }) {
  const api = useApi();
  const store = useAppStoreApi();
  const selectReason = (s: AppState) => rerunFromBlockedReason(s, nodeId);
  const reason = useAppStore(selectReason);
  const look = STATE_LOOK[state.state];
  return (
    <section className="node-run" aria-label="Last run" data-testid="node-run">
      <h3 className="node-run__title">Last run</h3>
      <p className={`node-run__state dw-state dw-state--${look.tone}`}>
        <span aria-hidden="true">{look.icon}</span> {stateText(state)}
        {state.action && state.state !== 'pending' ? ` · ${state.action}` : ''}
      </p>
      {state.error && <p className="node-run__error">{state.error.message}</p>}
      {state.reason && <p className="node-run__reason">{state.reason}</p>}
      {state.outputs && <OutputsTable jobId={nodeId} outputs={state.outputs} />}
      <button
        type="button"
        className="tool-button node-run__rerun"
        disabled={reason !== null}
        title={reason ?? `Run ${nodeId} again, and everything that depends on it`}
        onClick={() => void rerun(api, store, { from: nodeId })}
      >
        ↻ Rerun from here
      </button>
    </section>
  );
}
