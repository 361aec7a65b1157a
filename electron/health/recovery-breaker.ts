/** `recovery.circuitBreaker` of a service, in milliseconds. */
export interface BreakerPolicy {
  /** Failed recoveries in a row that open the breaker. */
  readonly failureThreshold: number;
  /** How long it stays open: no restart is tried meanwhile. */
  readonly resetAfterMs: number;
}

export type RecoveryBreakerState = 'closed' | 'open' | 'half-open';

/**
 * A service's circuit breaker around its own recovery: after `failureThreshold` failed recoveries
 * in a row (a restart that errs, or one after which the service turns unhealthy again), no restart
 * is tried for `resetAfter`; then one trial restart is let through (half-open). A trial that
 * brings the service back closes it; one that fails opens it again for another `resetAfter`.
 * Without a policy it never opens. It keeps its own count, apart from `maxRestarts`/`window`.
 */
export class RecoveryBreaker {
  private failures = 0;
  private openedAt: number | undefined;

  constructor(private readonly policy: BreakerPolicy | undefined) {}

  state(now: number): RecoveryBreakerState {
    if (this.openedAt === undefined || !this.policy) return 'closed';
    return now - this.openedAt < this.policy.resetAfterMs ? 'open' : 'half-open';
  }

  /** How long until a restart may be tried: 0 unless the breaker is open. */
  waitMs(now: number): number {
    if (this.openedAt === undefined || !this.policy) return 0;
    return Math.max(0, this.openedAt + this.policy.resetAfterMs - now);
  }

  /** A recovery failed at `now`; true when this opened (or reopened) the breaker. */
  failed(now: number): boolean {
    if (!this.policy) return false;
    this.failures++;
    const trialFailed = this.openedAt !== undefined;
    if (trialFailed || this.failures >= this.policy.failureThreshold) {
      this.openedAt = now;
      return true;
    }
    return false;
  }

  /** The service recovered: the count starts over and the breaker closes. */
  succeeded(): void {
    this.failures = 0;
    this.openedAt = undefined;
  }

  /** Failed recoveries in a row so far. */
  get consecutiveFailures(): number {
    return this.failures;
  }
}
