import type { HealthDocker } from './health-docker';
import { refresh, type Replica } from './replica';

/**
 * Restarts (a running but failing container), starts (an exited one) or recreates the replicas,
 * then reads each back so its new start time makes the events of the old run stale. Returns the
 * first error instead of throwing: a failed attempt is an outcome, not a crash.
 */
export async function restartReplicas(
  docker: HealthDocker,
  replicas: readonly Replica[],
  action: 'restart' | 'recreate',
  now: () => number,
): Promise<Error | undefined> {
  for (const replica of replicas) replica.busy = true;
  try {
    const results = await Promise.allSettled(
      replicas.map(async (replica) => {
        if (action === 'recreate') replica.id = await docker.recreate(replica.id);
        else if (replica.running) await docker.restart(replica.id, replica.snapshot.stopTimeoutSeconds);
        else await docker.start(replica.id);
        const snapshot = await docker.inspect(replica.id);
        if (!snapshot) throw new Error(`container ${replica.name} is gone`);
        refresh(replica, snapshot, now());
      }),
    );
    const failed = results.find((result) => result.status === 'rejected');
    return failed ? toError(failed.reason) : undefined;
  } finally {
    for (const replica of replicas) replica.busy = false;
  }
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
