import { ExponentialBackoff, noJitterGenerator } from 'cockatiel';
import type { Clock } from '../app/clock';
import type { FailureKind } from './node-runner';

export interface RetrySpec {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
  /** Spread as a fraction of the delay (0..1). */
  jitter: number;
}

export interface ScheduledTask<O> {
  readonly id: string;
  readonly dependsOn: readonly string[];
  run(signal: AbortSignal, attempt: number): Promise<O>;
  readonly retry?: RetrySpec;
  readonly timeoutMs?: number;
}

export type TaskState = 'pending' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface SchedulerEvent<O> {
  taskId: string;
  state: Exclude<TaskState, 'pending'>;
  attempt?: number;
  maxAttempts?: number;
  delayMs?: number;
  error?: { kind: string; message: string };
  reason?: string;
  output?: O;
}

export interface TaskResult<O> {
  state: TaskState;
  output?: O;
  error?: { kind: string; message: string };
}

export interface SchedulerOptions<O> {
  concurrency: number;
  signal: AbortSignal;
  clock: Clock;
  onEvent: (event: SchedulerEvent<O>) => void;
}

const kindOf = (error: unknown): FailureKind => {
  const kind = (error as { kind?: unknown } | null)?.kind;
  return kind === 'retryable' || kind === 'fatal' || kind === 'timeout' || kind === 'cancelled'
    ? kind
    : 'fatal';
};

function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = clock.setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', done);
      clock.clearTimeout(timer);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs a task graph: tasks whose dependencies succeeded start, up to `concurrency` at once; a
 * failure skips its dependents (transitively, naming the cause) while other branches go on;
 * aborting the signal stops running tasks and starts nothing new. Retries use exponential
 * backoff with jitter; only retryable and timeout failures are retried.
 */
export async function runTaskGraph<O>(
  tasks: readonly ScheduledTask<O>[],
  options: SchedulerOptions<O>,
): Promise<Map<string, TaskResult<O>>> {
  const results = new Map<string, TaskResult<O>>(tasks.map((t) => [t.id, { state: 'pending' }]));
  const dependents = new Map<string, string[]>();
  const waiting = new Map<string, number>();
  for (const task of tasks) {
    waiting.set(task.id, task.dependsOn.length);
    for (const dep of task.dependsOn)
      (dependents.get(dep) ?? dependents.set(dep, []).get(dep)!).push(task.id);
  }
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const ready = tasks.filter((t) => t.dependsOn.length === 0).map((t) => t.id);
  let active = 0;

  const finish = (id: string, result: TaskResult<O>, event: SchedulerEvent<O>) => {
    results.set(id, result);
    options.onEvent(event);
  };

  const skipDependents = (id: string, cause: string) => {
    for (const next of dependents.get(id) ?? []) {
      if (results.get(next)?.state !== 'pending') continue;
      const reason = `${cause} did not succeed`;
      finish(next, { state: 'skipped' }, { taskId: next, state: 'skipped', reason });
      skipDependents(next, cause);
    }
  };

  const attemptLoop = async (task: ScheduledTask<O>): Promise<void> => {
    const maxAttempts = task.retry?.maxAttempts ?? 1;
    const backoff = task.retry
      ? new ExponentialBackoff({
          initialDelay: task.retry.initialDelayMs,
          maxDelay: task.retry.maxDelayMs,
          exponent: task.retry.multiplier,
          generator: noJitterGenerator,
        })
      : undefined;
    let delays = backoff?.next();
    for (let attempt = 1; ; attempt++) {
      const controller = new AbortController();
      const onAbort = () => controller.abort(options.signal.reason);
      options.signal.addEventListener('abort', onAbort, { once: true });
      const timer =
        task.timeoutMs !== undefined
          ? options.clock.setTimeout(
              () => controller.abort({ kind: 'timeout', message: `timed out after ${task.timeoutMs} ms` }),
              task.timeoutMs,
            )
          : undefined;
      options.onEvent({
        taskId: task.id,
        state: 'running',
        attempt,
        ...(maxAttempts > 1 ? { maxAttempts } : {}),
      });
      try {
        const output = await task.run(controller.signal, attempt);
        finish(
          task.id,
          { state: 'succeeded', output },
          { taskId: task.id, state: 'succeeded', output, attempt },
        );
        return;
      } catch (error) {
        const kind = options.signal.aborted ? 'cancelled' : kindOf(error);
        const failure = { kind, message: (error as Error)?.message ?? String(error) };
        if (kind === 'cancelled') {
          finish(task.id, { state: 'cancelled', error: failure }, { taskId: task.id, state: 'cancelled' });
          return;
        }
        const retryable = kind === 'retryable' || kind === 'timeout';
        if (!retryable || attempt >= maxAttempts || !delays || !task.retry) {
          finish(
            task.id,
            { state: 'failed', error: failure },
            { taskId: task.id, state: 'failed', error: failure, attempt },
          );
          return;
        }
        const spread = task.retry.jitter * delays.duration;
        const delayMs = Math.max(0, Math.round(delays.duration - spread + Math.random() * 2 * spread));
        options.onEvent({
          taskId: task.id,
          state: 'retrying',
          attempt,
          maxAttempts,
          delayMs,
          error: failure,
        });
        delays = delays.next(undefined);
        await sleep(options.clock, delayMs, options.signal);
      } finally {
        if (timer) options.clock.clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
      }
    }
  };

  await new Promise<void>((resolveAll) => {
    const pump = () => {
      while (!options.signal.aborted && active < options.concurrency && ready.length > 0) {
        const id = ready.shift()!;
        if (results.get(id)?.state !== 'pending') continue;
        active++;
        void attemptLoop(byId.get(id)!).then(() => {
          active--;
          if (results.get(id)?.state === 'succeeded') {
            for (const next of dependents.get(id) ?? []) {
              const left = (waiting.get(next) ?? 1) - 1;
              waiting.set(next, left);
              if (left === 0) ready.push(next);
            }
          } else if (results.get(id)?.state === 'failed') skipDependents(id, id);
          pump();
        });
      }
      if (active === 0 && (ready.length === 0 || options.signal.aborted)) {
        for (const [id, result] of results) {
          if (result.state === 'pending')
            finish(id, { state: 'cancelled' }, { taskId: id, state: 'cancelled' });
        }
        resolveAll();
      }
    };
    pump();
  });
  return results;
}
