import type { Api } from '../../../shared/ipc/api';
import { ConsentRequest, type RequestInput, type RunSummary } from '../../../shared/ipc/contract';
import { isApiError } from '../../../shared/ipc/errors';
import type { AppState, AppStore } from '../store/app-store';
import { isConsented, rememberConsent } from './consent-memory';
import { askConsent, whileAsking } from './run-dialog-state';
import { currentProject } from './run-actions';

/*
 * Rerun from where a run failed: the Rerun button reruns the project's last run (failed, cancelled
 * and skipped nodes and their dependents); "Rerun from here" on a node reruns it and its
 * dependents. The main side keeps what runs and what succeeded (runs.rerun).
 */

/** Why Rerun cannot be pressed now, or null when it can. */
export function rerunBlockedReason(state: AppState): string | null {
  if (state.engineStatus?.state !== 'connected') return 'The Docker engine is not connected.';
  if (state.busy !== null) return 'Busy…';
  if (state.run?.state === 'running') return 'A run is in progress.';
  if (state.run?.state === 'succeeded')
    return 'The last run succeeded: nothing to rerun (right-click a node to rerun it and its dependents).';
  return null;
}

/** Why a node cannot be rerun from now, or null when it can. */
export function rerunFromBlockedReason(state: AppState, nodeId: string): string | null {
  if (state.engineStatus?.state !== 'connected') return 'The Docker engine is not connected.';
  if (state.busy !== null) return 'Busy…';
  if (state.run?.state === 'running') return 'A run is in progress.';
  const kind = state.doc.spec.nodes[nodeId]?.kind;
  if (kind !== 'service' && kind !== 'job') return 'Only a service or a job can be rerun.';
  return null;
}

function consentAsked(error: unknown): ConsentRequest | undefined {
  if (!isApiError(error) || error.code !== 'CONSENT_REQUIRED') return undefined;
  const details = ConsentRequest.safeParse(error.details);
  return details.success ? details.data : undefined;
}

/** runs.rerun, asking for consent to dangerous settings as Run does; null when the user declines. */
async function rerunWithConsent(
  api: Api,
  store: AppStore,
  request: RequestInput<'runs.rerun'>,
): Promise<RunSummary | null> {
  try {
    return await api.runs.rerun(request);
  } catch (error) {
    const asked = consentAsked(error);
    if (!asked) throw error;
    if (!isConsented(asked.fingerprint)) {
      if (!(await whileAsking(store, 'run', askConsent(store, asked)))) return null;
      rememberConsent(asked.fingerprint);
    }
    return api.runs.rerun({ ...request, consent: asked.fingerprint });
  }
}

/**
 * Reruns the project's last run (or the run named), from `from` when given; the rerun is shown
 * on the canvas as it goes. One key per click, so a retried request starts one rerun.
 */
export async function rerun(
  api: Api,
  store: AppStore,
  target: { from?: string; runId?: string } = {},
): Promise<void> {
  const { setBusy, setRunError } = store.getState();
  setBusy('run');
  setRunError(null);
  try {
    const summary = await rerunWithConsent(api, store, {
      ...(target.runId ? { runId: target.runId } : { project: currentProject(store.getState()) }),
      ...(target.from ? { from: target.from } : {}),
      idempotencyKey: `ui-rerun-${crypto.randomUUID()}`,
    });
    if (summary) store.getState().showRun(summary);
  } catch (error) {
    store.getState().setRunError(error instanceof Error ? error.message : String(error));
  } finally {
    store.getState().setBusy(null);
  }
}
