import { useApi } from '../api/api-context';
import type { AppState } from '../store/app-store';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { adopt, cleanUp } from './run-actions';

const selectOrphans = (s: AppState) => s.orphans;
const selectBusy = (s: AppState) => s.busy;

/** Resources left on the engine by an earlier session (a crash, a closed window): adopt or remove. */
export function OrphansBanner() {
  const api = useApi();
  const store = useAppStoreApi();
  const orphans = useAppStore(selectOrphans);
  const busy = useAppStore(selectBusy);
  if (orphans.length === 0) return null;
  return (
    <div className="orphans" role="region" aria-label="Resources from an earlier session">
      {orphans.map((orphan) => (
        <div key={orphan.project} className="orphans__row">
          <span>
            <strong>{orphan.project}</strong> was left running by an earlier session: {orphan.containers}{' '}
            container{orphan.containers === 1 ? '' : 's'}, {orphan.networks} network
            {orphan.networks === 1 ? '' : 's'}, {orphan.volumes} volume{orphan.volumes === 1 ? '' : 's'}.
          </span>
          <button
            type="button"
            disabled={busy !== null}
            onClick={() => void adopt(api, store, orphan.project)}
            aria-label={`Adopt ${orphan.project}`}
          >
            Adopt
          </button>
          <button
            type="button"
            disabled={busy !== null}
            // Orphans are the engine's containers (a Swarm deploy's objects are never listed here).
            onClick={() => void cleanUp(api, store, orphan.project, 'engine')}
            aria-label={`Clean up ${orphan.project}`}
          >
            Clean up
          </button>
        </div>
      ))}
    </div>
  );
}
