import { useApi } from '../api/api-context';
import type { AppState } from '../store/app-store';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { ProfilePicker } from './profile-picker';
import { cleanUp, runBlockedReason, startRun, stopRun } from './run-actions';
import { rerun, rerunBlockedReason } from './rerun-actions';
import { RunTargetPicker } from './run-target-picker';

const selectBlocked = (s: AppState) => runBlockedReason(s);
const selectRerunBlocked = (s: AppState) => rerunBlockedReason(s);
const selectRun = (s: AppState) => s.run;
const selectBusy = (s: AppState) => s.busy;
const selectRunError = (s: AppState) => s.runError;
const selectConnected = (s: AppState) => s.engineStatus?.state === 'connected';

/**
 * Run, Stop and Clean up, each disabled with its reason while it cannot be used, and where the
 * next run deploys.
 */
export function RunToolbar() {
  const api = useApi();
  const store = useAppStoreApi();
  const blocked = useAppStore(selectBlocked);
  const run = useAppStore(selectRun);
  const busy = useAppStore(selectBusy);
  const runError = useAppStore(selectRunError);
  const connected = useAppStore(selectConnected);
  const rerunReason = useAppStore(selectRerunBlocked);

  const running = run?.state === 'running';
  const runReason = busy === 'run' ? 'Starting…' : blocked;
  const stopReason = running ? null : 'Nothing is running.';
  const cleanupReason = connected
    ? running
      ? 'Stop the run first.'
      : null
    : 'The Docker engine is not connected.';

  return (
    <div className="run-toolbar" role="toolbar" aria-label="Run">
      <ToolButton
        label="Run"
        icon="▶"
        tone="primary"
        reason={runReason}
        onClick={() => void startRun(api, store)}
      />
      <ToolButton label="Rerun" icon="↻" reason={rerunReason} onClick={() => void rerun(api, store)} />
      <ProfilePicker />
      <RunTargetPicker />
      <ToolButton label="Stop" icon="■" reason={stopReason} onClick={() => void stopRun(api, store)} />
      <ToolButton
        label="Clean up"
        icon="✕"
        reason={busy === 'cleanup' ? 'Cleaning up…' : cleanupReason}
        onClick={() => void cleanUp(api, store)}
      />
      <RunStatus />
      {runError && (
        <span className="run-toolbar__error" role="alert">
          {runError}
        </span>
      )}
      {runReason && !runError && busy !== 'run' && (
        <span className="run-toolbar__reason" id="run-blocked-reason">
          {runReason}
        </span>
      )}
    </div>
  );
}

function ToolButton(props: {
  label: string;
  icon: string;
  reason: string | null;
  tone?: 'primary';
  onClick: () => void;
}) {
  const disabled = props.reason !== null;
  return (
    <button
      type="button"
      className={`tool-button${props.tone ? ` tool-button--${props.tone}` : ''}`}
      disabled={disabled}
      title={props.reason ?? props.label}
      aria-describedby={disabled && props.label === 'Run' ? 'run-blocked-reason' : undefined}
      onClick={props.onClick}
    >
      <span aria-hidden="true">{props.icon}</span> {props.label}
    </button>
  );
}

const STATE_WORD: Record<string, string> = {
  running: 'Running',
  succeeded: 'Up',
  failed: 'Failed',
  cancelled: 'Stopped',
  interrupted: 'Interrupted',
};

function RunStatus() {
  const run = useAppStore(selectRun);
  if (!run) return null;
  return (
    <span className={`run-status run-status--${run.state}`} data-testid="run-status" data-state={run.state}>
      {STATE_WORD[run.state] ?? run.state} · {run.project}
    </span>
  );
}
