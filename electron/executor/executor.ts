import { type Clock, systemClock } from '../common/clock';
import { type TaskGraph, buildGraph } from './graph';
import { GraphRun } from './graph-run';
import type { RunResult, TaskEvent, TaskProgressEvent, TaskSpec } from './types';

export interface ExecutorOptions {
  /** Tasks running at once across the whole graph (a task waiting to retry holds its slot). */
  readonly concurrency?: number;
  /** Event timestamps and retry waits; cockatiel's timeout and breaker use real time. */
  readonly clock?: Clock;
}

export interface RunOptions {
  /** Aborting it cancels the run: running tasks see their signal abort, nothing new starts. */
  readonly signal?: AbortSignal;
  /** Every state change of every task, synchronously and in order. */
  readonly onEvent?: (event: TaskEvent) => void;
  readonly onProgress?: (event: TaskProgressEvent) => void;
}

export const DEFAULT_CONCURRENCY = 8;

/** Runs task graphs. Holds no per-run state, so one instance serves every run of the app. */
export class Executor {
  readonly #concurrency: number;
  readonly #clock: Clock;

  constructor(options: ExecutorOptions = {}) {
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!(concurrency >= 1)) throw new RangeError(`concurrency must be at least 1, got ${concurrency}`);
    this.#concurrency = concurrency;
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * Runs a graph to the end. Never rejects: failures, skips and cancellation are in the result.
   * Pass task specs to validate them first (throws GraphValidationError synchronously), or a graph
   * from `buildGraph` to reuse one validation.
   */
  run(graph: TaskGraph | readonly TaskSpec[], options: RunOptions = {}): Promise<RunResult> {
    const resolved = isGraph(graph) ? graph : buildGraph(graph);
    return new GraphRun(resolved, {
      clock: this.#clock,
      concurrency: this.#concurrency,
      ...options,
    }).start();
  }
}

function isGraph(value: TaskGraph | readonly TaskSpec[]): value is TaskGraph {
  return !Array.isArray(value);
}
