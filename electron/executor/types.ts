import type { TaskErrorData, TransientKind } from './task-error';
import type { TaskState, TerminalTaskState } from './task-state';
import type { TargetBulkhead, TargetCircuitBreaker } from './targets';

/** What a task's `run` receives for one attempt. */
export interface TaskContext<TInput = Readonly<Record<string, unknown>>> {
  readonly taskId: string;
  /** 1-based; a retried task sees 2, 3, ... */
  readonly attempt: number;
  /** Aborted when the run is cancelled or this attempt times out: stop work and throw. */
  readonly signal: AbortSignal;
  /** The dependencies' outputs (keyed by dependency id, or by name for `defineTask`). */
  readonly input: TInput;
  /** Reports progress of this attempt; ignored once the attempt is over. A plain function, so it
   *  can be destructured from the context. */
  readonly progress: (update: ProgressUpdate) => void;
}

export interface ProgressUpdate {
  readonly message?: string;
  /** 0..1 when known. */
  readonly fraction?: number;
}

export interface RetryOptions {
  /** Total attempts including the first; 1 means no retry. */
  readonly maxAttempts: number;
  /** The base of the first delay; each later one is `multiplier` times the one before (before jitter). */
  readonly initialDelayMs: number;
  /** No delay exceeds this, jitter included. */
  readonly maxDelayMs: number;
  /** Growth per attempt, at least 1 (default 2). */
  readonly multiplier?: number;
  /**
   * How far a delay is spread below its base, as a fraction 0..1 (default 0.5, "equal jitter"):
   * 1 is full jitter (0 to the base), 0 none. See `jittered` in backoff.ts.
   */
  readonly jitter?: number;
  /**
   * Which kinds are retried; defaults to `retryable` and `timeout`. Only transient kinds can be
   * listed: fatal, invalid-input, cancelled and circuit-open errors are never retried.
   */
  readonly retryOn?: readonly TransientKind[];
  /** Source of jitter in [0, 1); injectable so tests and replays are deterministic. */
  readonly random?: () => number;
}

/** The resilience layers around one task, outermost first: retry, breaker, bulkhead, timeout. */
export interface TaskPolicy {
  readonly retry?: RetryOptions;
  /** Per attempt: the attempt's signal is aborted and it fails with kind `timeout`. */
  readonly timeoutMs?: number;
  /** Shared by every task that talks to the same target, so a dead target fails fast. */
  readonly breaker?: TargetCircuitBreaker;
  /** Shared by every task that talks to the same target, to bound its concurrent calls. */
  readonly bulkhead?: TargetBulkhead;
}

export interface TaskSpec<TOutput = unknown> {
  readonly id: string;
  readonly dependsOn?: readonly string[];
  /**
   * Tasks this one waits for but does not need: it starts once they are over, whether they
   * succeeded, failed or were skipped (Compose's `required: false`).
   */
  readonly optionalDependsOn?: readonly string[];
  readonly policy?: TaskPolicy;
  run(context: TaskContext): Promise<TOutput> | TOutput;
}

/** One state change of one task; delivered in the order the changes happen. */
export interface TaskEvent {
  readonly taskId: string;
  readonly state: TaskState;
  /** ISO 8601, from the executor's clock. */
  readonly at: string;
  /** On `running`: the attempt starting; on `retrying`: the attempt that just failed. */
  readonly attempt?: number;
  readonly maxAttempts?: number;
  /** On `retrying`: the wait before the next attempt. */
  readonly delayMs?: number;
  /** On `failed`, `cancelled` (when a running task was stopped) and `retrying`. */
  readonly error?: TaskErrorData;
  /** On `skipped` and `cancelled`: why the task never ran. */
  readonly reason?: string;
}

export interface TaskProgressEvent extends ProgressUpdate {
  readonly taskId: string;
  readonly at: string;
  readonly attempt: number;
}

export interface TaskOutcome {
  readonly state: TerminalTaskState;
  /** Attempts started; 0 for a task that never ran. */
  readonly attempts: number;
  readonly output?: unknown;
  readonly error?: TaskErrorData;
  readonly reason?: string;
}

export type RunStatus = 'succeeded' | 'failed' | 'cancelled';

export interface RunResult {
  /** `cancelled` if the run was cancelled, else `failed` unless every task succeeded. */
  readonly status: RunStatus;
  /** Every task of the graph, in the graph's order. */
  readonly tasks: ReadonlyMap<string, TaskOutcome>;
}
