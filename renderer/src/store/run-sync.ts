import type { Api } from '../../../shared/ipc/api';
import type { AppStore } from './app-store';

/**
 * Keeps the runtime slice in step with the main side: node states and run status from pushed
 * events, and the orphaned projects of earlier sessions (asked at start and on every reconnect).
 */
export function startRunSync(api: Api, store: AppStore): () => void {
  let disposed = false;
  const refreshOrphans = async () => {
    try {
      const orphans = await api.runs.orphans();
      if (!disposed) store.getState().setOrphans(orphans);
    } catch {
      // The engine is down or the transport is lost: the engine badge already says so.
    }
  };
  const offs = [
    api.subscribe('run.node', (event) => store.getState().applyNodeEvent(event)),
    api.subscribe('run.status', (event) => store.getState().applyRunStatus(event)),
    api.subscribe('engine.status', (status) => {
      if (status.state === 'connected') void refreshOrphans();
    }),
  ];
  void refreshOrphans();
  return () => {
    disposed = true;
    for (const off of offs) off();
  };
}
