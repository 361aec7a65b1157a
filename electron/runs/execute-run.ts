import type { NodeRunState, NodeRunStateName } from '../../shared/ipc/contract';
import type {
  DeploymentPlan,
  JobNode,
  ServiceNode,
  Topology,
  VolumeNode,
} from '../../shared/topology';
import type { Clock } from '../app/clock';
import type { DockerResources } from '../docker/docker-resources';
import type { ResourceNames } from './container-options';
import {
  classify,
  ensureDefaultNetwork,
  ensureNetworkNode,
  ensureVolumeNode,
  runJobAttempt,
  startService,
  waitServiceHealthy,
  type NodeOutcome,
  type NodeRunnerContext,
} from './node-runner';
import { buildRunGraph, nodeStateFor, type RunTask } from './run-graph';
import { runTaskGraph } from './run-scheduler';

export interface ExecuteRunOptions {
  topology: Topology;
  plan: DeploymentPlan;
  project: string;
  runId: string;
  names: ResourceNames;
  resources: DockerResources;
  env: Readonly<Record<string, string | undefined>>;
  signal: AbortSignal;
  concurrency: number;
  clock: Clock;
  onNode: (state: NodeRunState) => void;
  onLog: (nodeId: string, stream: 'stdout' | 'stderr' | 'system', text: string) => void;
}

export type RunOutcome = 'succeeded' | 'failed' | 'cancelled';

type TaskOutput = NodeOutcome;

/** What one task does, by phase; errors are classified so retries follow their kind. */
function taskBody(task: RunTask, context: NodeRunnerContext, started: Map<string, string[]>) {
  const node = context.topology.spec.nodes[task.nodeId];
  return async (signal: AbortSignal, attempt: number): Promise<TaskOutput> => {
    try {
      if (task.nodeId === '') {
        const ensured = await ensureDefaultNetwork(context);
        return { action: ensured.action, containerIds: [] };
      }
      switch (task.phase) {
        case 'ensure':
          return node?.kind === 'network'
            ? await ensureNetworkNode(context, task.nodeId, node)
            : await ensureVolumeNode(context, task.nodeId, node as VolumeNode);
        case 'start': {
          const outcome = await startService(context, task.nodeId, node as ServiceNode);
          started.set(task.nodeId, outcome.containerIds);
          return outcome;
        }
        case 'healthy': {
          const ids = started.get(task.nodeId) ?? [];
          await waitServiceHealthy(context, ids, signal);
          return { action: 'reused', containerIds: ids };
        }
        case 'job':
          return await runJobAttempt(context, task.nodeId, node as JobNode, signal, attempt);
      }
    } catch (error) {
      throw classify(error);
    }
  };
}

/**
 * Runs the topology's task graph on the engine and reports every node's progress. Resolves
 * (never rejects) with the outcome once every task has finished, failed, been skipped or
 * been cancelled.
 */
export async function executeRun(options: ExecuteRunOptions): Promise<RunOutcome> {
  const tasks = buildRunGraph(options.topology, options.plan);
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const waves = new Map<string, number>();
  for (const wave of options.plan.waves) for (const step of wave.steps) waves.set(step.nodeId, wave.index);
  const context: NodeRunnerContext = {
    project: options.project,
    runId: options.runId,
    topology: options.topology,
    names: options.names,
    resources: options.resources,
    waveOf: (nodeId) => waves.get(nodeId) ?? 0,
    env: options.env,
    log: options.onLog,
  };
  const started = new Map<string, string[]>();
  const withHealth = new Set(tasks.filter((t) => t.phase === 'healthy').map((t) => t.nodeId));
  const last = new Map<string, NodeRunStateName>();
  const at = () => new Date(options.clock.now()).toISOString();
  const emit = (nodeId: string, state: NodeRunStateName, extra: Partial<NodeRunState> = {}) => {
    if (nodeId === '') return;
    if (last.get(nodeId) === state && state !== 'retrying') return;
    last.set(nodeId, state);
    options.onNode({ nodeId, state, at: at(), ...extra });
  };

  const results = await runTaskGraph(
    tasks.map((task) => ({
      id: task.id,
      dependsOn: task.dependsOn,
      run: taskBody(task, context, started),
      ...(task.retry ? { retry: task.retry } : {}),
      ...(task.timeoutMs !== undefined ? { timeoutMs: task.timeoutMs } : {}),
    })),
    {
      concurrency: options.concurrency,
      signal: options.signal,
      clock: options.clock,
      onEvent: (event) => {
        const task = byId.get(event.taskId);
        if (!task) return;
        switch (event.state) {
          case 'running':
            emit(
              task.nodeId,
              nodeStateFor(task, 'running', withHealth.has(task.nodeId)),
              event.attempt ? { attempt: event.attempt } : {},
            );
            break;
          case 'succeeded':
            emit(task.nodeId, nodeStateFor(task, 'succeeded', withHealth.has(task.nodeId)), {
              ...(event.output ? { action: event.output.action } : {}),
              ...(event.output?.detail ? { reason: event.output.detail } : {}),
            });
            break;
          case 'retrying':
            emit(task.nodeId, 'retrying', {
              attempt: event.attempt,
              maxAttempts: event.maxAttempts,
              delayMs: event.delayMs,
              ...(event.error ? { error: event.error } : {}),
            });
            break;
          case 'failed':
            emit(task.nodeId, 'failed', {
              ...(event.error ? { error: event.error } : {}),
              ...(event.attempt ? { attempt: event.attempt } : {}),
            });
            break;
          case 'skipped':
            emit(task.nodeId, 'skipped', event.reason ? { reason: event.reason } : {});
            break;
          case 'cancelled':
            emit(task.nodeId, 'cancelled');
            break;
        }
      },
    },
  );
  if (options.signal.aborted) return 'cancelled';
  return [...results.values()].every((r) => r.state === 'succeeded') ? 'succeeded' : 'failed';
}
