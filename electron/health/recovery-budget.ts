import { baseDelay, jittered } from '../executor';
import type { ResolvedRecovery } from './check-spec';

/**
 * How many restarts a service still has and how long to wait before the next one: at most
 * `maxRestarts` within a sliding `window`, the first of a streak at once, each later one after
 * `initial * multiplier^(n-1)` (capped at `max`), spread by `jitter` so replicas and services
 * that broke together do not restart in lockstep: as a job's retries, between `(1 - jitter)` of
 * the delay and all of it (`jittered`), so `max` is never passed.
 */
export class RecoveryBudget {
  private attempts: number[] = [];
  /** Attempts since the service was last healthy: what the backoff grows with. */
  private streak = 0;

  constructor(
    private readonly policy: ResolvedRecovery,
    private readonly random: () => number = Math.random,
  ) {}

  private prune(now: number): void {
    this.attempts = this.attempts.filter((at) => now - at < this.policy.windowMs);
  }

  /** Attempts made within the window as of `now`. */
  used(now: number): number {
    this.prune(now);
    return this.attempts.length;
  }

  exhausted(now: number): boolean {
    return this.used(now) >= this.policy.maxRestarts;
  }

  /** The delay before the next attempt. */
  nextDelay(): number {
    if (this.streak === 0) return 0;
    const { initialMs, maxMs, multiplier, jitter } = this.policy.backoff;
    return jittered(baseDelay(initialMs, multiplier, maxMs, this.streak - 1), jitter, this.random);
  }

  /** Records an attempt made at `now`; returns its number within the window (1-based). */
  record(now: number): number {
    this.prune(now);
    this.attempts.push(now);
    this.streak++;
    return this.attempts.length;
  }

  /** The service is healthy again: the next problem starts a new streak (no delay). */
  recovered(): void {
    this.streak = 0;
  }
}
