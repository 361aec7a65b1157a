import type { Api } from '../../../shared/ipc/api';
import type { EngineStatus } from '../../../shared/ipc/contract';
import type { AppStore } from './app-store';

/**
 * Keeps the engine slice in step with the main side: the current status and info at start,
 * then `engine.status` pushes; info is fetched again whenever the engine (re)connects.
 */
export function startEngineSync(api: Api, store: AppStore): () => void {
  let disposed = false;
  const refreshInfo = async () => {
    try {
      const info = await api.engine.info();
      if (!disposed) store.getState().setEngineInfo(info);
    } catch (error) {
      if (!disposed) store.getState().setEngineError((error as Error).message);
    }
  };
  const capabilities = (status: EngineStatus) =>
    store
      .getState()
      .setCapabilities(
        status.state === 'connected' && status.apiVersion
          ? { apiVersion: status.apiVersion, ...(status.runtimes ? { runtimes: status.runtimes } : {}) }
          : null,
      );
  const off = api.subscribe('engine.status', (status) => {
    const previous = store.getState().engineStatus;
    store.getState().setEngineStatus(status);
    capabilities(status);
    if (
      status.state === 'connected' &&
      (previous?.state !== 'connected' || previous.version !== status.version)
    ) {
      void refreshInfo();
    }
  });
  void api.engine
    .status()
    .then((status) => {
      if (!disposed && store.getState().engineStatus === null) {
        store.getState().setEngineStatus(status);
        capabilities(status);
      }
    })
    .catch((error: unknown) => {
      if (!disposed) store.getState().setEngineError((error as Error).message);
    });
  void refreshInfo();
  return () => {
    disposed = true;
    off();
  };
}
