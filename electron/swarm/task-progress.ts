import type { TaskInspect } from '../docker/docker-client';
import { LABELS } from '../docker/labels';

/** What a dependent waits for (Compose's conditions), as the Swarm's tasks show it. */
export type SwarmCondition = 'started' | 'healthy' | 'completed';

export interface ProgressQuery {
  readonly condition: SwarmCondition;
  /** Tasks wanted: replicas, or completions of a job. */
  readonly desired: number;
  /** A service's tasks of the current spec carry its hash. */
  readonly hash?: string;
  /** A job's current iteration (each update of a job runs it again as a new one). */
  readonly iteration?: number;
  readonly hasHealthcheck: boolean;
  /** Failures of tasks created before this (epoch ms) are history, not this deploy's. */
  readonly sinceMs: number;
  /** A job's attempts in all (Swarm gives up after them). */
  readonly maxAttempts?: number;
}

export interface TaskProgress {
  /** Tasks that reached the condition (running; for a job, completed), at most `desired`. */
  readonly running: number;
  readonly desired: number;
  readonly reached: boolean;
  /** Set when waiting longer cannot help (a job out of attempts, a service failing over and over). */
  readonly failed?: string;
  /** Every task of this deploy has ended, one at least in failure: Swarm is not starting another. */
  readonly gaveUp: boolean;
  /** The latest failure, said when a deadline passes. */
  readonly lastError?: string;
  /** The current tasks' states, e.g. `1 running, 1 starting`, said when a deadline passes. */
  readonly states: string;
}

const FAILED = new Set(['failed', 'rejected']);
const ENDED = new Set(['complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned']);
/** Failures per wanted task after which a service is failed at once instead of at its deadline. */
export const FAILURES_PER_TASK = 3;

const createdMs = (task: TaskInspect): number => Date.parse(task.CreatedAt ?? '') || 0;

/** `task: non-zero exit (143): dockerexec: unhealthy container` -> `exited with code 143 (unhealthy container)`. */
function describeFailure(task: TaskInspect): string {
  const error = task.Status.Err ?? task.Status.Message ?? task.Status.State;
  const exit = /non-zero exit \((\d+)\)(?::\s*(?:dockerexec:\s*)?(.+))?/.exec(error);
  if (!exit) return error;
  return `exited with code ${exit[1]}${exit[2] ? ` (${exit[2].trim()})` : ''}`;
}

/**
 * Where a service's (or job's) tasks are against a condition: `started` when every wanted task
 * runs (or, with a healthcheck, has its container up and waits for its first verdict);
 * `healthy` when every wanted task runs, which on a Swarm means healthy too (a task with a
 * healthcheck stays `starting` until it passes); `completed` when the job's task completed.
 */
export function taskProgress(tasks: readonly TaskInspect[], query: ProgressQuery): TaskProgress {
  const job = query.condition === 'completed';
  const current = tasks.filter((task) =>
    job
      ? (task.JobIteration?.Index ?? 0) === (query.iteration ?? 0)
      : task.Spec?.ContainerSpec?.Labels?.[LABELS.configHash] === query.hash,
  );
  const failures = current
    .filter((task) => FAILED.has(task.Status.State) && createdMs(task) >= query.sinceMs)
    .sort((a, b) => createdMs(a) - createdMs(b));
  const last = failures.at(-1);
  const lastError = last ? describeFailure(last) : undefined;
  const gaveUp =
    failures.length > 0 &&
    current.every((task) => ENDED.has(task.Status.State) && task.Status.State !== 'complete');
  let count: number;
  if (job) count = current.filter((task) => task.Status.State === 'complete').length;
  else {
    const live = current.filter((task) => task.DesiredState === 'running');
    count = live.filter(
      (task) =>
        task.Status.State === 'running' ||
        (query.condition === 'started' && query.hasHealthcheck && task.Status.State === 'starting'),
    ).length;
  }
  const byState = new Map<string, number>();
  for (const task of current)
    if (task.DesiredState === 'running' || job)
      byState.set(task.Status.State, (byState.get(task.Status.State) ?? 0) + 1);
  const states = [...byState].map(([state, n]) => `${n} ${state}`).join(', ') || 'no task yet';
  const running = Math.min(count, query.desired);
  const reached = running >= query.desired;
  let failed: string | undefined;
  if (!reached && lastError !== undefined) {
    if (job && failures.length >= (query.maxAttempts ?? 1)) failed = lastError;
    else if (!job && failures.length >= FAILURES_PER_TASK * Math.max(1, query.desired))
      failed = `${failures.length} tasks failed; the last: ${lastError}`;
  }
  return {
    running,
    desired: query.desired,
    reached,
    gaveUp: !reached && gaveUp,
    states,
    ...(failed !== undefined ? { failed } : {}),
    ...(lastError !== undefined ? { lastError } : {}),
  };
}
