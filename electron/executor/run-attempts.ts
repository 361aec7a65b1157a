import { TimeoutStrategy, handleWhen, retry, timeout } from 'cockatiel';
import type { Clock } from '../common/clock';
import { RetryDelays } from './backoff';
import { sleep } from './clock-sleep';
import { TaskError, type TransientKind, toTaskError } from './task-error';
import type { TaskPolicy } from './types';

export interface AttemptHooks {
  /** An attempt is about to start (the task enters `running`). */
  onAttempt(attempt: number): void;
  /** `attempt` failed with `error` and the next one starts after `delayMs`. */
  onRetry(attempt: number, delayMs: number, error: TaskError): void;
}

export interface AttemptEnv {
  readonly clock: Clock;
  /** The run's signal: cancellation of the whole run. */
  readonly signal: AbortSignal;
  readonly hooks: AttemptHooks;
}

const DEFAULT_RETRY_ON: readonly TransientKind[] = ['retryable', 'timeout'];

/**
 * Runs one task through its policies, outermost first:
 *   retry -> (backoff wait on the clock) -> circuit breaker -> bulkhead -> timeout -> task.
 * The breaker sits outside the bulkhead so an open circuit fails fast instead of queueing, and the
 * timeout sits inside it so time spent waiting for a slot does not count against the attempt.
 * Resolves with the task's output or rejects with a TaskError (never anything else).
 */
export async function runAttempts<T>(
  run: (signal: AbortSignal, attempt: number) => Promise<T> | T,
  policy: TaskPolicy | undefined,
  env: AttemptEnv,
): Promise<T> {
  const { clock, signal, hooks } = env;
  let attempt = 0;
  let pendingDelayMs = 0;

  const once = async (): Promise<T> => {
    if (pendingDelayMs > 0) {
      const delay = pendingDelayMs;
      pendingDelayMs = 0;
      await sleep(clock, delay, signal);
    }
    if (signal.aborted) throw new TaskError('cancelled', 'cancelled');
    attempt += 1;
    hooks.onAttempt(attempt);
    const current = attempt;
    return classified(
      throughBreaker(policy, signal, () =>
        throughBulkhead(policy, signal, () =>
          throughTimeout(policy, signal, (attemptSignal) => {
            // The breaker's half-open wait and the bulkhead queue sit between here and the start
            // of the attempt: a run cancelled meanwhile must not start the task after all.
            if (signal.aborted) throw new TaskError('cancelled', 'cancelled');
            return run(attemptSignal, current);
          }),
        ),
      ),
      signal,
    );
  };

  const options = policy?.retry;
  if (options === undefined || options.maxAttempts <= 1) return once();

  const retryOn: ReadonlySet<string> = new Set(options.retryOn ?? DEFAULT_RETRY_ON);
  // cockatiel decides whether to retry (attempt budget, kind filter, cancellation); its own wait is
  // left at zero and the chosen delay is spent on the injected clock inside `once` instead, so the
  // delay is observable and testable without real sleeps.
  const policyRetry = retry(
    handleWhen((error) => error instanceof TaskError && retryOn.has(error.kind)),
    { maxAttempts: options.maxAttempts - 1 },
  );
  const delays = new RetryDelays(options);
  const listener = policyRetry.onRetry((event) => {
    pendingDelayMs = delays.next();
    const error = 'error' in event ? toTaskError(event.error) : new TaskError('unknown', 'rejected result');
    hooks.onRetry(event.attempt, pendingDelayMs, error);
  });
  try {
    return await policyRetry.execute(once, signal);
  } finally {
    listener.dispose();
  }
}

async function classified<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw toTaskError(error, { cancelled: signal.aborted });
  }
}

// Every layer is handed the run's signal itself rather than the one cockatiel passes down: after a
// half-open wait the breaker re-enters without it, which would cut the task off from cancellation.

function throughBreaker<T>(
  policy: TaskPolicy | undefined,
  signal: AbortSignal,
  next: () => Promise<T>,
): Promise<T> {
  const breaker = policy?.breaker;
  if (breaker === undefined) return next();
  return breaker.policy.execute(next, signal);
}

function throughBulkhead<T>(
  policy: TaskPolicy | undefined,
  signal: AbortSignal,
  next: () => Promise<T>,
): Promise<T> {
  const target = policy?.bulkhead;
  if (target === undefined) return next();
  let entered = false;
  const work = target.policy.execute(() => {
    entered = true;
    return classified(next(), signal);
  }, signal);
  // A free slot is taken synchronously; only a queued call needs to watch for cancellation.
  if (entered) return work;
  // cockatiel only notices a cancelled waiter when its turn comes; leave the queue at once instead,
  // so a cancelled run does not wait for other runs' calls to the same target.
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      if (!entered) reject(new TaskError('cancelled', 'cancelled'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function throughTimeout<T>(
  policy: TaskPolicy | undefined,
  signal: AbortSignal,
  next: (signal: AbortSignal) => Promise<T> | T,
): Promise<T> {
  const limitMs = policy?.timeoutMs;
  if (limitMs === undefined) {
    try {
      return await next(signal);
    } catch (error) {
      throw toTaskError(error, { cancelled: signal.aborted });
    }
  }
  // Aggressive: a task that ignores its signal cannot hold the run past its limit. The attempt's
  // signal is aborted only by the timer or by cancellation (abortOnReturn off), which is how the
  // two are told apart below.
  const policyTimeout = timeout(limitMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
  let attemptSignal: AbortSignal | undefined;
  try {
    return await policyTimeout.execute((context) => {
      attemptSignal = context.signal;
      return next(context.signal);
    }, signal);
  } catch (error) {
    const timedOut = attemptSignal?.aborted === true && !signal.aborted;
    throw toTaskError(error, timedOut ? { timedOutAfterMs: limitMs } : { cancelled: signal.aborted });
  }
}
