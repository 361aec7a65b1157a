import {
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  bulkhead,
  circuitBreaker,
  handleWhen,
} from 'cockatiel';
import { TaskError, type TransientKind } from './task-error';

/**
 * Resilience state that belongs to a target (the Docker API, a registry), not to a task: one
 * instance is created per target and handed to every task that calls it.
 */

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export interface CircuitBreakerOptions {
  /** For messages and telemetry: a bounded name such as `docker-api`, never an id. */
  readonly name: string;
  /** Consecutive transient failures that open the circuit. */
  readonly consecutiveFailures: number;
  /** How long the circuit stays open before one trial call is let through. */
  readonly halfOpenAfterMs: number;
}

// Only failures that say something about the target's health count; a task rejecting its own
// input or being cancelled must not cut every other task off from a healthy target.
const COUNTED: ReadonlySet<TransientKind> = new Set<TransientKind>(['retryable', 'timeout', 'unknown']);

const STATE_NAMES: Readonly<Record<CircuitState, BreakerState>> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

export class TargetCircuitBreaker {
  readonly name: string;
  /** The cockatiel policy; its open-state timing uses the wall clock (`Date.now`). */
  readonly policy: CircuitBreakerPolicy;

  constructor(options: CircuitBreakerOptions) {
    this.name = options.name;
    this.policy = circuitBreaker(
      handleWhen((error) => error instanceof TaskError && (COUNTED as ReadonlySet<string>).has(error.kind)),
      {
        halfOpenAfter: options.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(options.consecutiveFailures),
      },
    );
  }

  get state(): BreakerState {
    return STATE_NAMES[this.policy.state];
  }

  /** Holds the circuit open (e.g. while the engine is known to be down) until disposed. */
  isolate(): { dispose(): void } {
    return this.policy.isolate();
  }
}

export interface BulkheadOptions {
  readonly name: string;
  /** Concurrent calls allowed into the target; the rest wait in order. */
  readonly limit: number;
}

export class TargetBulkhead {
  readonly name: string;
  readonly limit: number;
  readonly policy: BulkheadPolicy;

  constructor(options: BulkheadOptions) {
    this.name = options.name;
    this.limit = options.limit;
    // An unbounded queue: the executor's own concurrency limit already bounds how many wait here,
    // and rejecting would turn back-pressure into failures.
    this.policy = bulkhead(options.limit, Number.POSITIVE_INFINITY);
  }

  /** Calls currently inside the target. */
  get active(): number {
    return this.limit - this.policy.executionSlots;
  }
}

export function createCircuitBreaker(options: CircuitBreakerOptions): TargetCircuitBreaker {
  return new TargetCircuitBreaker(options);
}

export function createBulkhead(options: BulkheadOptions): TargetBulkhead {
  return new TargetBulkhead(options);
}
