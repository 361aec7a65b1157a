import type { NodeRunStateName } from '../../shared/ipc/contract';
import { isContainer, sharedNetworkService, type DeploymentPlan, type Topology } from '../../shared/topology';
import { durationMs } from '../../shared/text/durations';
import { DEFAULT_JITTER, DEFAULT_MULTIPLIER } from '../executor';
import { DEADLINES } from './deadlines';

/** One unit of work of a run: a node, or a service's health gate. */
export interface RunTask {
  readonly id: string;
  readonly nodeId: string;
  readonly phase: 'ensure' | 'create' | 'start' | 'healthy' | 'job';
  readonly dependsOn: readonly string[];
  /** Waited for, but not needed: `required: false` dependencies. */
  readonly optionalDependsOn?: readonly string[];
  readonly retry?: {
    maxAttempts: number;
    initialDelayMs: number;
    maxDelayMs: number;
    multiplier: number;
    jitter: number;
  };
  /** Per attempt: the node's `timeout`, or the default job deadline. */
  readonly timeoutMs?: number;
}

export const DEFAULT_NETWORK_TASK = 'network:(default)';
export const taskId = (phase: RunTask['phase'], nodeId: string) => `${phase}:${nodeId}`;

const hasHealthcheck = (topology: Topology, nodeId: string): boolean => {
  const node = topology.spec.nodes[nodeId];
  return node?.kind === 'service' && node.healthcheck !== undefined && node.healthcheck.disable !== true;
};

/** Whether any container uses the project's default network (names no network and no mode). */
export function usesDefaultNetwork(topology: Topology): boolean {
  return Object.values(topology.spec.nodes).some(
    (node) => isContainer(node) && !node.networkMode && !node.networks?.length,
  );
}

/**
 * Turns the deployment plan into tasks: resources are ensured, services started (and, when they
 * have a healthcheck, gated on health as a separate task so only `healthy` dependents wait for
 * it), jobs run to completion with their retry policy and timeout.
 */
export function buildRunGraph(topology: Topology, plan: DeploymentPlan): RunTask[] {
  const tasks: RunTask[] = [];
  const defaultNetwork = usesDefaultNetwork(topology);
  if (defaultNetwork) tasks.push({ id: DEFAULT_NETWORK_TASK, nodeId: '', phase: 'ensure', dependsOn: [] });
  for (const wave of plan.waves) {
    for (const step of wave.steps) {
      const node = topology.spec.nodes[step.nodeId];
      if (!node) continue;
      const gate = (wait: (typeof step.waitFor)[number]): string => {
        const target = topology.spec.nodes[wait.nodeId];
        if (target?.kind === 'service') {
          return wait.condition === 'healthy' && hasHealthcheck(topology, wait.nodeId)
            ? taskId('healthy', wait.nodeId)
            : taskId('start', wait.nodeId);
        }
        if (target?.kind === 'job') return taskId('job', wait.nodeId);
        return taskId('ensure', wait.nodeId);
      };
      const dependsOn = step.waitFor.filter((wait) => wait.required !== false).map(gate);
      const optional = [...new Set(step.waitFor.filter((wait) => wait.required === false).map(gate))];
      if (isContainer(node) && !node.networkMode && !node.networks?.length && defaultNetwork)
        dependsOn.push(DEFAULT_NETWORK_TASK);
      const soft = optional.length > 0 ? { optionalDependsOn: optional } : {};
      if (isContainer(node)) {
        // The container is made (image, create, files copied in) as soon as the networks and
        // volumes it needs exist, while its dependencies are still starting: only its start waits.
        // A job's dependents wait for it first: its outputs are part of their environment.
        const shared = sharedNetworkService(node.networkMode);
        const isJob = (id: string) => id.startsWith('job:');
        const optionalJobs = optional.filter(isJob);
        tasks.push({
          id: taskId('create', step.nodeId),
          nodeId: step.nodeId,
          phase: 'create',
          dependsOn: [
            ...new Set([
              ...dependsOn.filter(
                (id) => id.startsWith('ensure:') || id === DEFAULT_NETWORK_TASK || isJob(id),
              ),
              ...(shared !== undefined && topology.spec.nodes[shared] ? [taskId('create', shared)] : []),
            ]),
          ],
          ...(optionalJobs.length > 0 ? { optionalDependsOn: optionalJobs } : {}),
        });
        dependsOn.push(taskId('create', step.nodeId));
      }
      const unique = [...new Set(dependsOn)];
      if (node.kind === 'service') {
        tasks.push({
          id: taskId('start', step.nodeId),
          nodeId: step.nodeId,
          phase: 'start',
          dependsOn: unique,
          ...soft,
        });
        if (hasHealthcheck(topology, step.nodeId)) {
          tasks.push({
            id: taskId('healthy', step.nodeId),
            nodeId: step.nodeId,
            phase: 'healthy',
            dependsOn: [taskId('start', step.nodeId)],
          });
        }
      } else if (node.kind === 'job') {
        const backoff = node.retry?.backoff;
        const timeoutMs = durationMs(node.timeout) ?? DEADLINES.jobMs;
        tasks.push({
          id: taskId('job', step.nodeId),
          nodeId: step.nodeId,
          phase: 'job',
          dependsOn: unique,
          ...soft,
          retry: {
            maxAttempts: Math.max(1, node.retry?.maxAttempts ?? 1),
            initialDelayMs: durationMs(backoff?.initial) ?? 1000,
            maxDelayMs: durationMs(backoff?.max) ?? 30_000,
            multiplier: backoff?.multiplier ?? DEFAULT_MULTIPLIER,
            jitter: backoff?.jitter ?? DEFAULT_JITTER,
          },
          timeoutMs,
        });
      } else {
        tasks.push({
          id: taskId('ensure', step.nodeId),
          nodeId: step.nodeId,
          phase: 'ensure',
          dependsOn: unique,
        });
      }
    }
  }
  return tasks;
}

/** What a task's progress means for its node, as the user sees it. */
export function nodeStateFor(
  task: RunTask,
  taskState: 'running' | 'succeeded',
  hasHealthTask: boolean,
): NodeRunStateName {
  switch (task.phase) {
    case 'create':
      // Made ahead of its start: the node is still waiting as far as the user is concerned.
      return 'pending';
    case 'ensure':
      return taskState === 'running' ? 'starting' : 'completed';
    case 'start':
      return taskState === 'running' ? 'starting' : hasHealthTask ? 'starting' : 'running';
    case 'healthy':
      return taskState === 'running' ? 'starting' : 'healthy';
    case 'job':
      return taskState === 'running' ? 'running' : 'completed';
  }
}
