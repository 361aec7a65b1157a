import { isBrokenCircuitError, isBulkheadRejectedError } from 'cockatiel';

/**
 * What went wrong, as data. Retry and the circuit breaker decide from the kind, never from message
 * text, so a task must say what its failure means:
 * - `retryable`: transient (connection refused, 5xx, engine busy); worth another attempt.
 * - `fatal`: trying again cannot help (image missing, exit code not allowed).
 * - `invalid-input`: the request itself is wrong; never retried, never counts against a target.
 * - `cancelled`: the run was cancelled.
 * - `timeout`: one attempt ran past its time limit.
 * - `circuit-open`: the target's circuit breaker refused the call; retrying would hammer a target
 *   we already know is down, so it is never retried.
 * - `unknown`: a plain error from a task that did not classify it. It is not retried unless the
 *   task's retry policy lists `unknown` explicitly: guessing "transient" could repeat a side effect.
 */
export const ERROR_KINDS = [
  'retryable',
  'fatal',
  'invalid-input',
  'cancelled',
  'timeout',
  'circuit-open',
  'unknown',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Kinds that may be retried (if the policy lists them) and that count against a circuit breaker. */
export type TransientKind = Extract<ErrorKind, 'retryable' | 'timeout' | 'unknown'>;

/** The serialisable form carried by events and results. */
export interface TaskErrorData {
  readonly kind: ErrorKind;
  readonly message: string;
}

export class TaskError extends Error {
  override readonly name = 'TaskError';

  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static retryable(message: string, cause?: unknown): TaskError {
    return new TaskError('retryable', message, { cause });
  }

  static fatal(message: string, cause?: unknown): TaskError {
    return new TaskError('fatal', message, { cause });
  }

  static invalidInput(message: string, cause?: unknown): TaskError {
    return new TaskError('invalid-input', message, { cause });
  }

  toData(): TaskErrorData {
    return { kind: this.kind, message: this.message };
  }
}

export interface ClassifyHints {
  /** The run was cancelled: whatever the task threw, the failure is a cancellation. */
  readonly cancelled?: boolean;
  /** The attempt's time limit fired; the value is the limit, for the message. */
  readonly timedOutAfterMs?: number;
}

/** Turns anything thrown into a TaskError; errors that already carry a kind keep it. */
export function toTaskError(error: unknown, hints: ClassifyHints = {}): TaskError {
  if (hints.cancelled === true) {
    return error instanceof TaskError && error.kind === 'cancelled'
      ? error
      : new TaskError('cancelled', 'cancelled', { cause: error });
  }
  if (hints.timedOutAfterMs !== undefined) {
    return new TaskError('timeout', `timed out after ${hints.timedOutAfterMs} ms`, { cause: error });
  }
  if (error instanceof TaskError) return error;
  if (isBrokenCircuitError(error)) {
    return new TaskError('circuit-open', 'circuit open: the target is failing, not calling it', {
      cause: error,
    });
  }
  // Only reachable with a bounded bulkhead queue: the target is saturated, which passes.
  if (isBulkheadRejectedError(error)) return new TaskError('retryable', error.message, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new TaskError('unknown', message, { cause: error });
}
