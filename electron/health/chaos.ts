import type { ChaosKillResult } from '../../shared/ipc/health-contract';
import { ApiError } from '../../shared/ipc/errors';
import type { HealthDocker } from './health-docker';

/**
 * Stops a node's running containers hard (SIGKILL through the engine), for people who want to
 * watch the monitor notice and heal it. The engine's own restart policy never covers this.
 */
export async function chaosKill(
  docker: HealthDocker,
  project: string,
  nodeId: string,
  now: () => number,
  signal = 'SIGKILL',
): Promise<ChaosKillResult> {
  const containers = await docker.listNode(project, nodeId);
  if (containers.length === 0)
    throw new ApiError('NOT_FOUND', `node ${nodeId} of project ${project} has no container on the engine`);
  const running = containers.filter((c) => c.running);
  if (running.length === 0)
    throw new ApiError('CONFLICT', `node ${nodeId} of project ${project} is not running`);
  await Promise.all(running.map((c) => docker.kill(c.id, signal)));
  return {
    project,
    nodeId,
    containers: running.map((c) => c.name).sort(),
    signal,
    at: new Date(now()).toISOString(),
  };
}
