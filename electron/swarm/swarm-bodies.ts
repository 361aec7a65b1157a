import type { JobNode, ServiceNode, VolumeNode } from '../../shared/topology';
import { ApiError } from '../../shared/ipc/errors';
import type { DockerClient } from '../docker/docker-client';
import { toEngineError } from '../docker/engine-errors';
import { TaskError } from '../executor';
import { withDeadline } from '../runs/deadlines';
import type { NodeOutcome, NodeRunnerContext } from '../runs/node-runner';
import type { RunTask } from '../runs/run-graph';
import type { NodeProgress, RunTaskBodies } from '../runs/run-target';
import { followServiceLogs } from './service-logs';
import { SWARM_DEADLINES, swarmHealthDeadline, swarmJobDeadline } from './swarm-deadlines';
import type { PlannedService } from './service-spec';
import { deployService, plannedFor, type DeployedService } from './swarm-deploy';
import { SwarmFiles } from './swarm-files';
import { ensureSwarmNetwork } from './swarm-networks';
import { waitForTasks } from './task-waits';
import type { SwarmCondition, TaskProgress } from './task-progress';

/** Engine answers and lost connections become ApiErrors (classified, retried); the rest stays. */
function engineFailure(error: unknown, host: string): unknown {
  if (error instanceof TaskError || error instanceof ApiError) return error;
  const e = error as { statusCode?: unknown; code?: unknown } | null;
  return typeof e?.statusCode === 'number' || typeof e?.code === 'string'
    ? toEngineError(error, host)
    : error;
}

const counts = (progress: TaskProgress) => ({ running: progress.running, desired: progress.desired });

/**
 * The run's tasks on a Swarm: the same graph, order and policies as on the engine, each task a
 * Swarm body. Networks are attachable overlays; a service is created, updated or left alone and
 * its `start` ends when every task started, its `healthy` gate when every task is running and
 * healthy; a job is a replicated job that Swarm retries, awaited to completion. Dependents are
 * created only then: the order Swarm itself does not keep.
 */
export function swarmBodies(context: NodeRunnerContext, progress: NodeProgress): RunTaskBodies {
  const client: DockerClient = context.resources.engine.client;
  const host = context.resources.engine.host.display;
  const files = new SwarmFiles({
    client,
    project: context.project,
    env: context.env,
    ...(context.baseDir ? { baseDir: context.baseDir } : {}),
  });
  const deployed = new Map<string, DeployedService>();
  /** What each node's tasks looked like last, for a deadline's message. */
  const lastLook = new Map<string, TaskProgress>();
  /** A deadline that passed says where the tasks were. */
  const explained = (nodeId: string, error: unknown): unknown => {
    const look = lastLook.get(nodeId);
    if (!(error instanceof TaskError) || error.kind !== 'timeout' || !look) return error;
    const last = look.lastError ? `; the last failure: ${look.lastError}` : '';
    return new TaskError('timeout', `${error.message}; its tasks: ${look.states}${last}`);
  };

  const wait = (nodeId: string, service: DeployedService, condition: SwarmCondition, signal: AbortSignal) =>
    waitForTasks(
      client,
      service.id,
      {
        condition,
        desired: service.planned.desired,
        hash: service.planned.hash,
        iteration: service.service.JobStatus?.JobIteration?.Index ?? 0,
        hasHealthcheck: service.planned.hasHealthcheck,
        sinceMs: service.sinceMs,
        ...(condition === 'completed'
          ? {
              maxAttempts: Math.max(
                1,
                (context.topology.spec.nodes[nodeId] as JobNode).retry?.maxAttempts ?? 1,
              ),
            }
          : {}),
      },
      {
        signal,
        intervalMs: SWARM_DEADLINES.pollMs,
        onProgress: (p) => progress(nodeId, { tasks: counts(p) }),
        onLook: (p) => lastLook.set(nodeId, p),
      },
    );

  const follow = (nodeId: string, service: DeployedService, tty: boolean) =>
    context.watch?.followStream(nodeId, 'service', (onLine) =>
      followServiceLogs(
        client,
        service.id,
        service.action === 'reused'
          ? { tty, tail: 100 }
          : { tty, ...(service.service.UpdatedAt ? { since: service.service.UpdatedAt } : {}) },
        onLine,
      ),
    );

  /** The node's spec, planned once per run (ahead of its start when the graph has a phase for it). */
  const plans = new Map<string, Promise<PlannedService>>();
  const planFor = (nodeId: string): Promise<PlannedService> => {
    let plan = plans.get(nodeId);
    if (!plan) {
      const node = context.topology.spec.nodes[nodeId];
      if (!node || (node.kind !== 'service' && node.kind !== 'job'))
        return Promise.reject(new TaskError('fatal', `"${nodeId}" is not a service or a job`));
      plan = plannedFor(context, nodeId, node, files);
      plans.set(nodeId, plan);
      plan.catch(() => plans.delete(nodeId));
    }
    return plan;
  };
  async function planAhead(nodeId: string): Promise<NodeOutcome> {
    await planFor(nodeId);
    return { action: 'reused', containerIds: [] };
  }

  async function startService(nodeId: string, node: ServiceNode, signal: AbortSignal): Promise<NodeOutcome> {
    const planned = await planFor(nodeId);
    const service = await deployService(client, context, nodeId, planned);
    deployed.set(nodeId, service);
    void follow(nodeId, service, node.tty ?? false);
    const reached = await withDeadline(
      SWARM_DEADLINES.startedMs,
      `every task of "${nodeId}" to start`,
      (deadline) => wait(nodeId, service, 'started', deadline),
      signal,
      'a node may pull the image first',
    );
    return { action: service.action, containerIds: [], tasks: counts(reached) };
  }

  async function healthy(nodeId: string, node: ServiceNode, signal: AbortSignal): Promise<NodeOutcome> {
    const service = deployed.get(nodeId);
    if (!service) throw new TaskError('fatal', `"${nodeId}" was not deployed`);
    const deadline = swarmHealthDeadline(node.healthcheck);
    const reached = await withDeadline(
      deadline.ms,
      `every task of "${nodeId}" to become healthy`,
      (inner) => wait(nodeId, service, 'healthy', inner),
      signal,
      deadline.because,
    );
    return { action: service.action, containerIds: [], tasks: counts(reached) };
  }

  async function job(nodeId: string, node: JobNode, signal: AbortSignal): Promise<NodeOutcome> {
    const planned = await planFor(nodeId);
    let service = await deployService(client, context, nodeId, planned);
    if (service.action === 'reused') {
      // Unchanged: done if it completed; run again (a new iteration) if it ended in failure.
      const before = await client.listTasks({ filters: { service: [service.id] } });
      const iteration = service.service.JobStatus?.JobIteration?.Index ?? 0;
      const current = before.filter((t) => (t.JobIteration?.Index ?? 0) === iteration);
      if (current.some((t) => t.Status.State === 'complete'))
        return {
          action: 'reused',
          containerIds: [],
          detail: 'completed earlier with the same configuration',
          tasks: { running: 1, desired: 1 },
        };
      const live = current.some(
        (t) => !['complete', 'failed', 'rejected', 'shutdown'].includes(t.Status.State),
      );
      if (!live) service = await deployService(client, context, nodeId, planned, { force: true });
    }
    deployed.set(nodeId, service);
    const followed = await follow(nodeId, service, node.tty ?? false);
    const deadline = swarmJobDeadline(node);
    try {
      const done = await withDeadline(
        deadline.ms,
        `"${nodeId}" to finish`,
        (inner) => wait(nodeId, service, 'completed', inner),
        signal,
        deadline.because,
      );
      return { action: service.action, containerIds: [], tasks: counts(done) };
    } catch (error) {
      // Past its deadline a job is stopped, not left running: its service goes.
      if (error instanceof TaskError && error.kind === 'timeout')
        await client.removeService(service.id).catch(() => undefined);
      throw error;
    } finally {
      // Its lines come before its verdict.
      await followed?.finished(SWARM_DEADLINES.logIdleMs);
    }
  }

  async function ensure(task: RunTask): Promise<NodeOutcome> {
    if (task.nodeId === '')
      return ensureSwarmNetwork(client, {
        project: context.project,
        nodeId: '',
        name: context.names.defaultNetwork,
        wave: 0,
      });
    const node = context.topology.spec.nodes[task.nodeId];
    if (node?.kind === 'network')
      return ensureSwarmNetwork(client, {
        project: context.project,
        nodeId: task.nodeId,
        name: context.names.network(task.nodeId),
        wave: context.waveOf(task.nodeId),
        node,
      });
    return volume(task.nodeId, node as VolumeNode);
  }

  /** Each Swarm node creates a named volume when a task first mounts it there (from the mount's options). */
  async function volume(nodeId: string, node: VolumeNode): Promise<NodeOutcome> {
    if (node.external)
      return {
        action: 'reused',
        containerIds: [],
        detail: 'external: it must exist on every node that mounts it',
      };
    const name = context.names.volume(nodeId);
    const here = (await client.listVolumes({ filters: { name: [name] } })).some((v) => v.Name === name);
    return here
      ? { action: 'reused', containerIds: [] }
      : { action: 'created', containerIds: [], detail: 'each node creates it when a task first mounts it' };
  }

  return {
    async run(task, signal) {
      const node = context.topology.spec.nodes[task.nodeId];
      try {
        switch (task.phase) {
          case 'ensure':
            return await ensure(task);
          case 'start':
            return await startService(task.nodeId, node as ServiceNode, signal);
          case 'healthy':
            return await healthy(task.nodeId, node as ServiceNode, signal);
          case 'job':
            return await job(task.nodeId, node as JobNode, signal);
          default:
            // A phase the engine has and the Swarm does not (making containers ahead of their
            // start): the node's spec is planned, its secrets and configs made; nothing runs yet.
            return await planAhead(task.nodeId);
        }
      } catch (error) {
        throw engineFailure(explained(task.nodeId, error), host);
      }
    },
    // Swarm retries a job itself (its restart policy); the task waits for the outcome once.
    jobPolicy: () => ({}),
  };
}
