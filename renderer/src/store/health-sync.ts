import type { Api } from '../../../shared/ipc/api';
import { isApiError } from '../../../shared/ipc/errors';
import type { AppState, AppStore } from './app-store';

/** How often the Health panel, while shown, reads the latest checks (events come on changes only). */
export const HEALTH_POLL_MS = 2_000;

/** The project whose health is shown: the current run's, else the open document's. */
const projectOf = (state: AppState) => state.run?.project ?? state.doc.metadata.name;
/** The run the health is read for, when one is shown for that project. */
const runIdOf = (state: AppState) => (state.run?.project === projectOf(state) ? state.run.runId : undefined);

/**
 * Keeps the health slice in step with the main side: `health.status` and `health.recovery` events
 * of the current project as they come, and the whole picture from `health.get` at start, on every
 * reconnect, when a run starts or is adopted, and every couple of seconds while the Health panel
 * is open (a status event is sent on a change of state, not on every check).
 */
export function startHealthSync(api: Api, store: AppStore, options: { pollMs?: number } = {}): () => void {
  let disposed = false;
  let asked = 0;

  const refresh = async () => {
    const state = store.getState();
    const project = projectOf(state);
    const runId = runIdOf(state);
    const ask = ++asked;
    try {
      const summary = await api.health.get(runId !== undefined ? { runId } : { project });
      // A newer question is out, or the window moved on to another project or run meanwhile.
      if (disposed || ask !== asked) return;
      const now = store.getState();
      if (projectOf(now) !== project || runIdOf(now) !== runId) return;
      // With no run on the canvas, history would show services long gone as they last were.
      if (runId === undefined && !summary.monitoring) now.resetHealth(project);
      else now.applyHealthSummary(summary);
    } catch (error) {
      if (disposed || ask !== asked) return;
      if (isApiError(error) && error.code === 'NOT_FOUND') store.getState().resetHealth(project);
      // Other failures (engine down, transport lost) are shown by the engine badge; keep what is known.
    }
  };

  /** Events of another project, or of another run than the one shown, are not this window's. */
  const isOurs = (event: { project: string; runId: string }) => {
    const state = store.getState();
    if (event.project !== projectOf(state)) return false;
    const runId = runIdOf(state);
    return runId === undefined || runId === event.runId;
  };

  const offs = [
    api.subscribe('health.status', (event) => {
      if (isOurs(event)) store.getState().applyHealthStatus(event);
    }),
    api.subscribe('health.recovery', (event) => {
      if (isOurs(event)) store.getState().applyHealthRecovery(event);
    }),
    api.subscribe('engine.status', (status) => {
      if (status.state === 'connected') void refresh();
    }),
    store.subscribe((state, previous) => {
      const project = projectOf(state);
      const runId = runIdOf(state);
      if (project === projectOf(previous) && runId === runIdOf(previous)) return;
      if (state.health.project !== project || runId === undefined) state.resetHealth(project);
      void refresh();
    }),
  ];

  const timer = setInterval(() => {
    const state = store.getState();
    if (state.bottomPanel === 'health' && state.health.monitoring) void refresh();
  }, options.pollMs ?? HEALTH_POLL_MS);

  void refresh();
  return () => {
    disposed = true;
    clearInterval(timer);
    for (const off of offs) off();
  };
}
