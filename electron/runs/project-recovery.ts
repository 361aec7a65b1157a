import type { OrphanProject, RunSummary } from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import type { ProjectResources } from '../docker/project-resources';
import type { RunRegistry } from './run-registry';
import { adoptedState } from './run-records';

/*
 * Resources an earlier (crashed) session left on the engine: which projects they belong to, and
 * taking one over as a run of this session.
 */

/**
 * Takes over the project's resources as a run of this session: its nodes show the state their
 * containers are in, and `cancel` or `cleanup` end it.
 */
export async function adoptProject(
  registry: RunRegistry,
  projects: ProjectResources,
  project: string,
): Promise<RunSummary> {
  await registry.ready;
  const running = registry.runningRunOf(project);
  if (running) return structuredClone(running.summary);
  const resources = await projects.list(project);
  const total = resources.containers.length + resources.networks.length + resources.volumes.length;
  if (total === 0) throw new ApiError('NOT_FOUND', `nothing of project ${project} is on the engine`);
  const at = registry.now();
  const nodes: RunSummary['nodes'] = {};
  for (const resource of [...resources.networks, ...resources.volumes]) {
    if (resource.node)
      nodes[resource.node] = { nodeId: resource.node, state: 'completed', at, action: 'adopted' };
  }
  for (const container of resources.containers) {
    if (!container.node || nodes[container.node]?.state === 'running') continue;
    const state = adoptedState(container.state, container.status, container.kind);
    nodes[container.node] = { nodeId: container.node, state, at, action: 'adopted' };
  }
  const runId = registry.newRunId();
  const summary: RunSummary = {
    runId,
    project,
    idempotencyKey: `adopt-${runId}`,
    state: 'running',
    startedAt: at,
    nodes,
  };
  const active = await registry.open(summary);
  for (const state of Object.values(nodes)) registry.recordNode(active, state);
  // Nothing executes: the run lasts until it is cancelled or cleaned up.
  active.done = new Promise<RunSummary>((resolve) => {
    active.controller.signal.addEventListener('abort', () => {
      registry.end(active, 'cancelled');
      void registry.recordEnd(active).finally(() => resolve(structuredClone(summary)));
    });
  });
  return structuredClone(summary);
}

/** Projects with labeled resources on the engine that no run of this session owns. */
export async function orphanProjects(
  registry: RunRegistry,
  projects: ProjectResources,
): Promise<OrphanProject[]> {
  const live = new Set(registry.all().map((run) => run.summary.project));
  const names = (await projects.projects()).filter((project) => !live.has(project));
  return Promise.all(
    names.map(async (project) => {
      const resources = await projects.list(project);
      const runIds = [
        ...new Set(
          [...resources.containers, ...resources.networks, ...resources.volumes]
            .map((r) => r.run)
            .filter(Boolean),
        ),
      ];
      return {
        project,
        containers: resources.containers.length,
        networks: resources.networks.length,
        volumes: resources.volumes.length,
        runIds: runIds.sort(),
      };
    }),
  );
}
