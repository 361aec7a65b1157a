import type { NodeRunState } from '../../shared/ipc/contract';
import type { Clock, Timer } from '../common/clock';
import type { Logger } from '../common/logger';
import { watchContainerEvents, type ContainerEvent } from '../docker/container-events';
import type { DockerClient } from '../docker/docker-client';
import { LABELS, projectFilter } from '../docker/labels';
import type { KeptTopology, RunTopologyStore } from './run-topology-store';

/*
 * A run adopted from an earlier session: the topology it ran (kept beside the history of the run
 * that made or last converged its containers), and its containers' events as node states, so the
 * canvas stays current while nothing of this session executes it.
 */

/** The first kept topology among the runs, newest first. */
export async function adoptedTopology(
  runIds: readonly string[],
  store: RunTopologyStore,
): Promise<KeptTopology | undefined> {
  for (const runId of new Set(runIds)) {
    const kept = await store.read(runId);
    if (kept) return kept;
  }
  return undefined;
}

/** A container event as the node state it means, or undefined when it changes nothing shown. */
export function stateOfEvent(event: ContainerEvent, at: string): NodeRunState | undefined {
  const nodeId = event.attributes[LABELS.node];
  if (!nodeId) return undefined;
  const kind = event.attributes[LABELS.kind];
  const base = { nodeId, at, action: 'adopted' };
  switch (event.action) {
    case 'start':
      return { ...base, state: 'running' };
    case 'health_status: healthy':
      return { ...base, state: 'healthy' };
    case 'health_status: unhealthy':
      return { ...base, state: 'running', reason: 'unhealthy' };
    case 'die': {
      const code = event.attributes['exitCode'] ?? '';
      if (kind === 'job' && code === '0') return { ...base, state: 'completed' };
      return { ...base, state: 'failed', reason: `exited with code ${code || 'unknown'}` };
    }
    case 'oom':
      return { ...base, state: 'failed', reason: 'killed: out of memory' };
    default:
      return undefined;
  }
}

export interface FollowAdoptedOptions {
  client: DockerClient;
  project: string;
  clock: Clock;
  logger: Logger;
  now: () => string;
  onNode: (state: NodeRunState) => void;
  /** After the engine's event stream ends (a restart of the engine), follow again after this. */
  retryMs?: number;
}

/** Follows the project's container events until the returned function is called. */
export function followAdoptedContainers(options: FollowAdoptedOptions): () => void {
  const retryMs = options.retryMs ?? 2_000;
  let stop: (() => void) | undefined;
  let timer: Timer | undefined;
  let disposed = false;
  const again = () => {
    if (disposed) return;
    timer = options.clock.setTimeout(() => {
      timer = undefined;
      void follow();
    }, retryMs);
  };
  const follow = async () => {
    try {
      const off = await watchContainerEvents(
        options.client,
        projectFilter(options.project),
        (event) => {
          const state = stateOfEvent(event, options.now());
          if (state) options.onNode(state);
        },
        () => again(),
      );
      if (disposed) off();
      else stop = off;
    } catch (error) {
      options.logger.warn({ err: error, project: options.project }, 'could not follow adopted containers');
      again();
    }
  };
  void follow();
  return () => {
    disposed = true;
    if (timer) options.clock.clearTimeout(timer);
    stop?.();
  };
}
