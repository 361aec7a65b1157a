import type { Api } from '../../../shared/ipc/api';
import type { RunTarget } from '../../../shared/ipc/contract';
import type { AppStore } from '../store/app-store';
import { askCleanup, whileAsking, type CleanupChoice } from './run-dialog-state';

/**
 * What Clean up should remove: with named volumes (not external ones) the user chooses in a
 * dialog whether their data goes too; without, containers and networks at once. Null: cancelled.
 * On the Swarm target the volumes listed are those of the project's Swarm deploy.
 */
export async function chooseCleanup(
  api: Api,
  store: AppStore,
  project: string,
  target: RunTarget = 'engine',
): Promise<CleanupChoice | null> {
  const swarm = target === 'swarm' ? { target } : {};
  const volumes = (await api.runs.volumes({ project, ...swarm })).filter((volume) => !volume.external);
  if (volumes.length === 0) return { volumes: false };
  return whileAsking(store, 'cleanup', askCleanup(store, project, volumes, target));
}
