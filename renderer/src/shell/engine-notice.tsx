import { useShallow } from 'zustand/react/shallow';
import type { AppState } from '../store/app-store';
import { useAppStore } from '../store/store-context';

const selectNotice = (state: AppState) => ({
  disconnected: state.engineStatus?.state === 'disconnected',
  reason: state.engineStatus?.reason ?? '',
  host: state.engineStatus?.host ?? '',
  transportError: state.engineStatus === null ? state.engineError : null,
});

/** Says plainly when no engine is reachable: the app still works for designing. */
export function EngineNotice() {
  const notice = useAppStore(useShallow(selectNotice));
  if (notice.transportError) {
    return (
      <div className="notice notice--bad" role="alert">
        Lost contact with the Dockwright server: {notice.transportError}. Restart it and reload this page.
      </div>
    );
  }
  if (!notice.disconnected) return null;
  return (
    <div className="notice notice--bad" role="alert">
      <strong>No Docker engine.</strong> {notice.reason || `Nothing answers at ${notice.host}.`} You can still
      design and export topologies; Dockwright reconnects by itself when the engine is back.
    </div>
  );
}
