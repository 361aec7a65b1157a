import { setMaxListeners } from 'node:events';
import type { Clock } from '../common/clock';
import type { TaskGraph } from './graph';
import { runAttempts } from './run-attempts';
import { TaskError, type TaskErrorData, toTaskError } from './task-error';
import { type TaskState, isTerminal, transition } from './task-state';
import type { ProgressUpdate, RunResult, TaskEvent, TaskOutcome, TaskProgressEvent } from './types';

export interface GraphRunOptions {
  readonly clock: Clock;
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: TaskEvent) => void;
  readonly onProgress?: (event: TaskProgressEvent) => void;
}

type EventDetails = Omit<TaskEvent, 'taskId' | 'state' | 'at'>;

/**
 * The mutable state of one run of a graph. Scheduling is O(tasks + edges): each completion touches
 * only its own dependents, ready tasks wait in a FIFO, and nothing scans the whole graph except
 * the one-off sweep when the run is cancelled.
 */
export class GraphRun {
  readonly #graph: TaskGraph;
  readonly #options: GraphRunOptions;
  readonly #states: TaskState[];
  readonly #attempts: number[];
  readonly #outputs: unknown[];
  readonly #errors: (TaskErrorData | undefined)[];
  readonly #reasons: (string | undefined)[];
  readonly #waitingOn: number[];
  readonly #ready: number[] = [];
  readonly #abort = new AbortController();
  #readyHead = 0;
  #running = 0;
  #settled = 0;
  #finish: (result: RunResult) => void = () => undefined;
  #done = false;
  #lastMs = Number.NaN;
  #lastIso = '';
  readonly #onExternalAbort = (): void => this.#cancel();

  constructor(graph: TaskGraph, options: GraphRunOptions) {
    this.#graph = graph;
    this.#options = options;
    const count = graph.tasks.length;
    this.#states = new Array<TaskState>(count).fill('pending');
    this.#attempts = new Array<number>(count).fill(0);
    this.#outputs = new Array<unknown>(count).fill(undefined);
    this.#errors = new Array<TaskErrorData | undefined>(count).fill(undefined);
    this.#reasons = new Array<string | undefined>(count).fill(undefined);
    this.#waitingOn = graph.dependencies.map((deps) => deps.length);
    // Every running attempt (and cockatiel's timeout) listens to this signal; the number is bounded
    // by the concurrency limit, not a leak, so Node's listener warning would only be noise.
    setMaxListeners(0, this.#abort.signal);
  }

  start(): Promise<RunResult> {
    const done = new Promise<RunResult>((resolve) => {
      this.#finish = resolve;
    });
    const count = this.#graph.tasks.length;
    for (let index = 0; index < count; index++) this.#emit(index, 'pending', {});
    const external = this.#options.signal;
    if (external?.aborted === true) {
      this.#cancel();
    } else {
      external?.addEventListener('abort', this.#onExternalAbort, { once: true });
      this.#graph.dependencies.forEach((deps, index) => {
        if (deps.length === 0) this.#ready.push(index);
      });
      this.#pump();
    }
    this.#finishIfDone();
    return done;
  }

  #pump(): void {
    while (
      this.#running < this.#options.concurrency &&
      this.#readyHead < this.#ready.length &&
      !this.#abort.signal.aborted
    ) {
      const index = this.#ready[this.#readyHead++];
      if (index !== undefined && this.#states[index] === 'pending') this.#launch(index);
    }
  }

  #launch(index: number): void {
    const task = this.#graph.tasks[index];
    if (task === undefined) return;
    this.#running++;
    // Without a prototype: ids are data, and V8 keeps such objects as dictionaries instead of
    // growing a hidden class for every distinct id (which made large graphs several times slower).
    const input = Object.create(null) as Record<string, unknown>;
    for (const dep of this.#graph.dependencies[index] ?? []) {
      const id = this.#graph.tasks[dep]?.id;
      if (id !== undefined) input[id] = this.#outputs[dep];
    }
    const maxAttempts = task.policy?.retry?.maxAttempts ?? 1;
    const signal = this.#abort.signal;
    const work = runAttempts(
      (attemptSignal, attempt) =>
        task.run({
          taskId: task.id,
          attempt,
          signal: attemptSignal,
          input,
          progress: (update) => this.#progress(index, attempt, update),
        }),
      task.policy,
      {
        clock: this.#options.clock,
        signal,
        hooks: {
          onAttempt: (attempt) => {
            this.#attempts[index] = attempt;
            this.#emit(index, 'running', { attempt, maxAttempts });
          },
          onRetry: (attempt, delayMs, error) =>
            this.#emit(index, 'retrying', { attempt, maxAttempts, delayMs, error: error.toData() }),
        },
      },
    );
    work.then(
      (output) => this.#succeed(index, output),
      (error: unknown) => this.#fail(index, toTaskError(error, { cancelled: signal.aborted })),
    );
  }

  #succeed(index: number, output: unknown): void {
    this.#running--;
    this.#outputs[index] = output;
    this.#emit(index, 'succeeded', { attempt: this.#attempts[index] });
    for (const dependent of this.#graph.dependents[index] ?? []) this.#release(dependent);
    this.#pump();
    this.#finishIfDone();
  }

  /** One dependency of `dependent` is over; it becomes ready when none is left. */
  #release(dependent: number): void {
    const left = (this.#waitingOn[dependent] ?? 0) - 1;
    this.#waitingOn[dependent] = left;
    if (left === 0 && this.#states[dependent] === 'pending') this.#ready.push(dependent);
  }

  #fail(index: number, error: TaskError): void {
    this.#running--;
    const data = error.toData();
    const attempt = this.#attempts[index];
    if (error.kind === 'cancelled') {
      const runCancelled = this.#abort.signal.aborted;
      this.#emit(index, 'cancelled', {
        attempt,
        error: data,
        reason: runCancelled ? 'run cancelled' : undefined,
      });
      // A task may cancel itself while the run goes on; its dependents can then never start.
      if (!runCancelled) this.#skipDependents(index, 'was cancelled');
    } else {
      this.#emit(index, 'failed', { attempt, error: data });
      this.#skipDependents(index, 'failed');
    }
    this.#pump();
    this.#finishIfDone();
  }

  /** Skips everything downstream of a failed task; each task is visited at most once. */
  #skipDependents(failed: number, verb: string): void {
    const failedId = this.#graph.tasks[failed]?.id ?? '?';
    const stack = [failed];
    while (stack.length > 0) {
      const cause = stack.pop() ?? failed;
      const causeId = this.#graph.tasks[cause]?.id ?? '?';
      for (const dependent of this.#graph.dependents[cause] ?? []) {
        if (this.#states[dependent] !== 'pending') continue;
        // An optional dependency that failed or was skipped is over: the dependent goes on.
        if (this.#graph.optional[dependent]?.has(cause)) {
          this.#release(dependent);
          continue;
        }
        const reason =
          cause === failed
            ? `dependency '${failedId}' ${verb}`
            : `dependency '${causeId}' was skipped because '${failedId}' ${verb}`;
        this.#emit(dependent, 'skipped', { reason });
        stack.push(dependent);
      }
    }
  }

  #cancel(): void {
    if (this.#done || this.#abort.signal.aborted) return;
    this.#abort.abort(new TaskError('cancelled', 'run cancelled'));
    // Running tasks see the abort through their signal and settle on their own.
    this.#states.forEach((state, index) => {
      if (state === 'pending')
        this.#emit(index, 'cancelled', { reason: 'run cancelled before the task started' });
    });
    this.#finishIfDone();
  }

  #progress(index: number, attempt: number, update: ProgressUpdate): void {
    const state = this.#states[index];
    // A late report from an attempt that already timed out or was replaced must not be shown.
    if (state !== 'running' || this.#attempts[index] !== attempt) return;
    const listener = this.#options.onProgress;
    if (listener === undefined) return;
    const taskId = this.#graph.tasks[index]?.id ?? '?';
    const event: TaskProgressEvent = { ...update, taskId, attempt, at: this.#now() };
    try {
      listener(event);
    } catch {
      // A faulty listener must not break the task that reported progress.
    }
  }

  #emit(index: number, state: TaskState, details: EventDetails): void {
    const taskId = this.#graph.tasks[index]?.id ?? '?';
    const from = this.#states[index] ?? 'pending';
    // The initial `pending` is an announcement, not a transition.
    this.#states[index] = state === 'pending' ? 'pending' : transition(from, state, taskId);
    if (state === 'failed' || state === 'cancelled') this.#errors[index] = details.error;
    if (details.reason !== undefined) this.#reasons[index] = details.reason;
    if (isTerminal(state)) this.#settled++;
    const listener = this.#options.onEvent;
    if (listener === undefined) return;
    try {
      listener(withoutUndefined({ taskId, state, at: this.#now(), ...details }));
    } catch {
      // A faulty listener must not leave the run half-scheduled; the state change stands.
    }
  }

  #now(): string {
    // Thousands of events share a millisecond in a fast run; format each millisecond once.
    const ms = this.#options.clock.now();
    if (ms !== this.#lastMs) {
      this.#lastMs = ms;
      this.#lastIso = new Date(ms).toISOString();
    }
    return this.#lastIso;
  }

  #finishIfDone(): void {
    if (this.#done || this.#settled < this.#graph.tasks.length) return;
    this.#done = true;
    this.#options.signal?.removeEventListener('abort', this.#onExternalAbort);
    const tasks = new Map<string, TaskOutcome>();
    let allSucceeded = true;
    this.#graph.tasks.forEach((task, index) => {
      const state = this.#states[index] ?? 'pending';
      if (!isTerminal(state)) return;
      if (state !== 'succeeded') allSucceeded = false;
      tasks.set(
        task.id,
        withoutUndefined({
          state,
          attempts: this.#attempts[index] ?? 0,
          output: state === 'succeeded' ? this.#outputs[index] : undefined,
          error: this.#errors[index],
          reason: this.#reasons[index],
        }),
      );
    });
    const status = this.#abort.signal.aborted ? 'cancelled' : allSucceeded ? 'succeeded' : 'failed';
    this.#finish({ status, tasks });
  }
}

/** Drops absent fields so events and outcomes serialise and compare cleanly. */
function withoutUndefined<T extends object>(value: T): T {
  const record = value as Record<string, unknown>;
  for (const key in record) if (record[key] === undefined) delete record[key];
  return value;
}
