import type { NodeRunState, ProjectVolume } from '../../shared/ipc/contract';
import type { Topology } from '../../shared/topology';
import type { TaskPolicy } from '../executor';
import type { CleanupReport } from '../docker/project-resources';
import type { NodeOutcome, NodeRunnerContext } from './node-runner';
import type { PreparedRun, PrepareInput } from './prepare-run';
import type { RunTask } from './run-graph';

/** Told while a node's task runs: its state stays, the counts of its Swarm tasks change. */
export type NodeProgress = (nodeId: string, extra: Pick<NodeRunState, 'tasks' | 'reason'>) => void;

/**
 * What a task of the run graph does on a target other than the engine's containers. The graph,
 * its order, the executor's policies, the node states and the traces stay the run's own.
 */
export interface RunTaskBodies {
  run(task: RunTask, signal: AbortSignal, attempt: number): Promise<NodeOutcome>;
  /** The policy of a job's task, when the target retries attempts itself. */
  jobPolicy?(task: RunTask): TaskPolicy;
}

/** What a run of a target does once it is up: watching it until it is let go. */
export interface TargetWatch {
  runId: string;
  project: string;
  topology: Topology;
  /** The services the run brought up. */
  services: readonly string[];
  onNode(state: NodeRunState): void;
}

/** Removal on a target that has more kinds of object than containers, networks and volumes. */
export interface TargetCleanupReport extends CleanupReport {
  services?: number;
  secrets?: number;
  configs?: number;
}

/**
 * Another place a run deploys to (the Swarm, `electron/swarm/`), given to the RunService by the
 * composition root: the run service keeps intents, locks, consent, history, events and traces for
 * every target, and asks the target only what differs.
 */
export interface DeployTarget {
  /** Everything checked before anything is created; refuses (ApiError) what cannot run there. */
  prepare(input: PrepareInput, env: Readonly<Record<string, string | undefined>>): Promise<PreparedRun>;
  /** The task bodies of one run. */
  bodies(context: NodeRunnerContext, progress: NodeProgress): RunTaskBodies;
  /** Watches what the run brought up; returns what stops watching. */
  watch(run: TargetWatch): () => void;
  cleanup(
    project: string,
    options: { volumes?: boolean; onRemoved?: (what: string, error?: string) => void },
  ): Promise<TargetCleanupReport>;
  /** The project's named volumes the target can see (what a cleanup with volumes removes). */
  volumes(project: string): Promise<ProjectVolume[]>;
}
