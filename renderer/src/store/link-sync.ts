import type { Api } from '../../../shared/ipc/api';
import type { AppStore } from './app-store';

/**
 * After the link to the main side came back without the events it missed (the server restarted,
 * or it was away longer than the server keeps), reads again what the window shows: the engine's
 * status, the run on the canvas and the projects left by earlier sessions.
 */
export function startLinkSync(api: Api, store: AppStore): () => void {
  let disposed = false;
  const resync = async () => {
    const [status, orphans] = await Promise.allSettled([api.engine.status(), api.runs.orphans()]);
    if (disposed) return;
    if (status.status === 'fulfilled') store.getState().setEngineStatus(status.value);
    if (orphans.status === 'fulfilled') store.getState().setOrphans(orphans.value);
    const run = store.getState().run;
    if (!run) return;
    const summary = await api.runs.get({ runId: run.runId }).catch(() => undefined);
    if (!disposed && summary && store.getState().run?.runId === summary.runId)
      store.getState().showRun(summary);
  };
  const off = api.onLink((link) => {
    if (link.state === 'open' && link.reconnected && !link.resumed) void resync();
  });
  return () => {
    disposed = true;
    off();
  };
}
