import type { Context, Tracer } from '@opentelemetry/api';
import type { JobOutputs, NodeRunState, NodeRunStateName } from '../../shared/ipc/contract';
import type {
  ContainerNode,
  DeploymentPlan,
  JobNode,
  ServiceNode,
  Topology,
  VolumeNode,
} from '../../shared/topology';
import type { Executor, TargetCircuitBreaker, TaskPolicy, TaskSpec } from '../executor';
import type { DockerResources } from '../docker/docker-resources';
import { traceHeaders, withContext } from '../common/trace-context';
import type { DockwrightMetrics } from '../telemetry/metrics';
import { ATTR } from '../telemetry/names';
import { TaskTracer } from '../telemetry/task-tracer';
import type { ResourceNames } from './container-options';
import {
  classify,
  ensureDefaultNetwork,
  ensureNetworkNode,
  ensureVolumeNode,
  makeContainers,
  overallAction,
  runJobAttempt,
  startService,
  waitServiceHealthy,
  type NodeOutcome,
  type NodeRunnerContext,
} from './node-runner';
import { healthGateDeadline, withDeadline } from './deadlines';
import type { PullRecord } from './pull-record';
import { outputVariables } from './job-outputs';
import { buildRunGraph, nodeStateFor, type RunTask } from './run-graph';
import type { NodeProgress, RunTaskBodies } from './run-target';
import type { RunWatch } from './run-watch';

/** How a run is traced: its spans nest under `parent` (the run's root span). */
export interface RunTracing {
  tracer: Tracer;
  parent: Context;
  metrics?: DockwrightMetrics;
  /** OTEL_* variables for a node's containers (when spans are exported). */
  containerEnv?: (nodeId: string, serviceName: string) => Readonly<Record<string, string>>;
}

export interface ExecuteRunOptions {
  topology: Topology;
  plan: DeploymentPlan;
  project: string;
  runId: string;
  names: ResourceNames;
  resources: DockerResources;
  env: Readonly<Record<string, string | undefined>>;
  baseDir?: string;
  /** When images were last pulled (`pullPolicy: daily`/`weekly`). */
  pulls?: PullRecord;
  signal: AbortSignal;
  executor: Executor;
  /** Shared by every run on this engine: a dead engine fails fast instead of being hammered. */
  breaker: TargetCircuitBreaker;
  onNode: (state: NodeRunState) => void;
  onLog: (nodeId: string, stream: 'stdout' | 'stderr' | 'system', text: string) => void;
  tracing?: RunTracing;
  /** Follows the containers' output and resource use while they run. */
  watch?: RunWatch;
  /** Another target's task bodies (the Swarm's); by default the engine's containers. */
  bodies?: (context: NodeRunnerContext, progress: NodeProgress) => RunTaskBodies;
  /** Jobs to run again even when unchanged and done (a scheduled tick). */
  rerun?: ReadonlySet<string>;
  /** Variables for a node's containers besides its job dependencies' outputs (a handler's run status). */
  runVars?: (nodeId: string) => Readonly<Record<string, string>>;
  /** Outputs of jobs that are not in this graph (a rerun's kept jobs are in it; handlers' are not). */
  outputs?: Map<string, JobOutputs>;
}

export type RunOutcome = 'succeeded' | 'failed' | 'cancelled';

type TaskOutput = NodeOutcome;

/** What one task does, by phase; errors are classified so retries follow their kind. */
function taskBody(task: RunTask, context: NodeRunnerContext, started: Map<string, NodeOutcome>) {
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
        case 'create': {
          const made = await makeContainers(context, task.nodeId, node as ContainerNode);
          return { action: overallAction(made.ensured), containerIds: made.ensured.map((e) => e.id) };
        }
        case 'start': {
          const outcome = await startService(context, task.nodeId, node as ServiceNode);
          started.set(task.nodeId, outcome);
          return outcome;
        }
        case 'healthy': {
          const outcome = started.get(task.nodeId) ?? { action: 'reused', containerIds: [] };
          const deadline = healthGateDeadline((node as ServiceNode).healthcheck);
          await withDeadline(
            deadline.ms,
            `"${task.nodeId}" to become healthy`,
            (deadlineSignal) => waitServiceHealthy(context, outcome.containerIds, deadlineSignal),
            signal,
            deadline.because,
          );
          return outcome;
        }
        case 'job':
          return await runJobAttempt(context, task.nodeId, node as JobNode, signal, attempt);
      }
    } catch (error) {
      throw classify(error);
    }
  };
}

/** Retries for Docker calls (the engine restarting, a busy daemon): a few, quickly. */
const ENGINE_RETRY = {
  maxAttempts: 3,
  initialDelayMs: 500,
  maxDelayMs: 5_000,
  retryOn: ['retryable'],
} as const;

/**
 * Runs the topology's task graph on the engine through the executor and reports every node's
 * progress. Resolves (never rejects) with the outcome once every task has finished, failed,
 * been skipped or been cancelled.
 */
export async function executeRun(options: ExecuteRunOptions): Promise<RunOutcome> {
  const tasks = buildRunGraph(options.topology, options.plan);
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const waves = new Map<string, number>();
  for (const wave of options.plan.waves) for (const step of wave.steps) waves.set(step.nodeId, wave.index);
  const tracing = options.tracing;
  const tracer = tracing
    ? new TaskTracer(
        tracing.tracer,
        tracing.metrics,
        tracing.parent,
        tasks.map((task) => [
          task.id,
          {
            group: task.nodeId,
            kind:
              task.nodeId === '' ? 'network' : (options.topology.spec.nodes[task.nodeId]?.kind ?? 'unknown'),
            phase: task.phase,
            ...(task.phase === 'job' ? {} : { breaker: options.breaker.name }),
          },
        ]),
        { [ATTR.runId]: options.runId, [ATTR.project]: options.project },
      )
    : undefined;
  // Containers carry their node span's context, so a traced program in them joins the run's trace.
  const runtimeEnv = (nodeId: string): Record<string, string> => {
    const nodeContext = tracer?.groupContext(nodeId);
    const headers = nodeContext ? traceHeaders(nodeContext) : {};
    const serviceName = options.topology.spec.nodes[nodeId]?.name ?? nodeId;
    return {
      ...tracing?.containerEnv?.(nodeId, serviceName),
      ...(headers.traceparent ? { TRACEPARENT: headers.traceparent } : {}),
      ...(headers.tracestate ? { TRACESTATE: headers.tracestate } : {}),
    };
  };
  const started = new Map<string, NodeOutcome>();
  const outcomes = new Map<string, NodeOutcome>();
  const outputs = options.outputs ?? new Map<string, JobOutputs>();
  const context: NodeRunnerContext = {
    project: options.project,
    runId: options.runId,
    topology: options.topology,
    names: options.names,
    resources: options.resources,
    waveOf: (nodeId) => waves.get(nodeId) ?? 0,
    env: options.env,
    ...(options.baseDir ? { baseDir: options.baseDir } : {}),
    ...(options.pulls ? { pulls: options.pulls } : {}),
    made: new Map(),
    actionOf: (nodeId) => {
      const outcome = started.get(nodeId) ?? outcomes.get(`job:${nodeId}`);
      return outcome?.action;
    },
    log: options.onLog,
    runtimeEnv,
    ...(options.watch ? { watch: options.watch } : {}),
    ...(options.rerun ? { rerun: options.rerun } : {}),
    runVars: (nodeId) => ({
      ...outputVariables(options.topology, nodeId, (jobId) => outputs.get(jobId)),
      ...options.runVars?.(nodeId),
    }),
  };

  const withHealth = new Set(tasks.filter((t) => t.phase === 'healthy').map((t) => t.nodeId));
  const last = new Map<string, NodeRunStateName>();
  const emit = (nodeId: string, state: NodeRunStateName, at: string, extra: Partial<NodeRunState> = {}) => {
    if (nodeId === '') return;
    if (last.get(nodeId) === state && state !== 'retrying') return;
    // A node whose making failed stays failed: its start, skipped for it, says nothing new.
    if (last.get(nodeId) === 'failed' && state === 'skipped') return;
    last.set(nodeId, state);
    options.onNode({ nodeId, state, at, ...extra });
  };

  // Progress within a state (a Swarm service's task counts) goes out as it is, never deduplicated.
  const progress: NodeProgress = (nodeId, extra) => {
    const state = last.get(nodeId);
    if (state) options.onNode({ nodeId, state, at: new Date().toISOString(), ...extra });
  };
  const custom = options.bodies?.(context, progress);

  const specs: TaskSpec<NodeOutcome>[] = tasks.map((task) => {
    const body = custom
      ? async (signal: AbortSignal, attempt: number) => {
          try {
            const outcome = await custom.run(task, signal, attempt);
            if (task.phase === 'start') started.set(task.nodeId, outcome);
            return outcome;
          } catch (error) {
            throw classify(error);
          }
        }
      : taskBody(task, context, started);
    // A job's own failures (its exit code) say nothing about the engine: only Docker work is
    // behind the engine's circuit breaker.
    const policy: TaskPolicy =
      task.phase === 'job'
        ? {
            ...(task.retry
              ? {
                  retry: {
                    maxAttempts: task.retry.maxAttempts,
                    initialDelayMs: task.retry.initialDelayMs,
                    maxDelayMs: task.retry.maxDelayMs,
                    multiplier: task.retry.multiplier,
                    jitter: task.retry.jitter,
                  },
                }
              : {}),
            ...(task.timeoutMs !== undefined ? { timeoutMs: task.timeoutMs } : {}),
          }
        : { retry: ENGINE_RETRY, breaker: options.breaker };
    return {
      id: task.id,
      dependsOn: task.dependsOn,
      ...(task.optionalDependsOn ? { optionalDependsOn: task.optionalDependsOn } : {}),
      // A target that retries a job itself (the Swarm's restart policy) has the job's policy.
      policy: task.phase === 'job' && custom?.jobPolicy ? custom.jobPolicy(task) : policy,
      run: async ({ signal, attempt }) => {
        const outcome = tracer
          ? await withContext(tracer.contextOf(task.id), () => body(signal, attempt))
          : await body(signal, attempt);
        outcomes.set(task.id, outcome);
        if (outcome.outputs) outputs.set(task.nodeId, outcome.outputs);
        tracer?.setGroupAttributes(task.nodeId, { [ATTR.action]: outcome.action });
        return outcome;
      },
    };
  });

  const result = await options.executor.run(specs, {
    signal: options.signal,
    onEvent: (event) => {
      tracer?.onEvent(event);
      const task = byId.get(event.taskId);
      if (!task) return;
      // Containers made ahead of their start: the node shows progress only once it starts.
      if (
        task.phase === 'create' &&
        (event.state === 'running' || event.state === 'succeeded' || event.state === 'retrying')
      )
        return;
      const hasHealth = withHealth.has(task.nodeId);
      switch (event.state) {
        case 'running':
          emit(
            task.nodeId,
            nodeStateFor(task, 'running', hasHealth),
            event.at,
            event.attempt ? { attempt: event.attempt } : {},
          );
          break;
        case 'succeeded': {
          const outcome = outcomes.get(task.id);
          emit(task.nodeId, nodeStateFor(task, 'succeeded', hasHealth), event.at, {
            ...(outcome ? { action: outcome.action } : {}),
            ...(outcome?.detail ? { reason: outcome.detail } : {}),
            ...(outcome?.tasks ? { tasks: outcome.tasks } : {}),
            ...(outcome?.outputs && Object.keys(outcome.outputs).length > 0
              ? { outputs: outcome.outputs }
              : {}),
          });
          break;
        }
        case 'retrying':
          emit(task.nodeId, 'retrying', event.at, {
            ...(event.attempt ? { attempt: event.attempt } : {}),
            ...(event.maxAttempts ? { maxAttempts: event.maxAttempts } : {}),
            ...(event.delayMs !== undefined ? { delayMs: event.delayMs } : {}),
            ...(event.error
              ? { error: { ...event.error, message: errorMessage(task, event.error, options.topology) } }
              : {}),
          });
          break;
        case 'failed':
          emit(task.nodeId, 'failed', event.at, {
            ...(event.error
              ? { error: { ...event.error, message: errorMessage(task, event.error, options.topology) } }
              : {}),
            ...(event.attempt ? { attempt: event.attempt } : {}),
          });
          break;
        case 'skipped':
          emit(
            task.nodeId,
            'skipped',
            event.at,
            event.reason ? { reason: nodeReason(event.reason, byId) } : {},
          );
          break;
        case 'cancelled':
          emit(task.nodeId, 'cancelled', event.at, event.reason ? { reason: event.reason } : {});
          break;
        default:
          break;
      }
    },
  });
  tracer?.endAll();
  return result.status;
}

/** A job attempt cut by its deadline says what was awaited, for how long, and where that came from. */
function errorMessage(task: RunTask, error: { kind: string; message: string }, topology: Topology): string {
  if (task.phase !== 'job' || error.kind !== 'timeout' || task.timeoutMs === undefined) return error.message;
  const node = topology.spec.nodes[task.nodeId];
  const own = node?.kind === 'job' && node.timeout !== undefined;
  const minutes = Math.round(task.timeoutMs / 600) / 100;
  const span = task.timeoutMs >= 60_000 ? `${minutes} min` : `${task.timeoutMs / 1000} s`;
  return `gave up waiting for "${task.nodeId}" to finish after ${span} (${own ? 'its `timeout`' : 'the default job deadline; set `timeout` to change it'})`;
}

/** The executor names tasks in quotes ('start:db'); the user knows nodes ('db'). */
function nodeReason(reason: string, tasks: ReadonlyMap<string, RunTask>): string {
  return reason.replace(/'([^']+)'/g, (quoted, id: string) => {
    const task = tasks.get(id);
    if (!task) return quoted;
    return task.nodeId ? `'${task.nodeId}'` : 'the default network';
  });
}
