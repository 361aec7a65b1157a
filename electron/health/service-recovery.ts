import type { HealthRecovery } from '../../shared/ipc/health-contract';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import { engineRestarts, type ResolvedRecovery } from './check-spec';
import type { HealthDocker } from './health-docker';
import type { HealthState } from './health-state';
import { restartReplicas } from './recovery-actions';
import { RecoveryBreaker } from './recovery-breaker';
import { RecoveryBudget } from './recovery-budget';
import type { Replica, Verdict } from './replica';
import { TimerSet } from './timer-set';

/** What the recovery of one service needs from its watch. */
export interface RecoveryHost {
  readonly runId: string;
  readonly project: string;
  readonly nodeId: string;
  state(): HealthState;
  /** Down because of a dependency: never restarted for it. */
  cause(): string | undefined;
  /** Not paused (engine away) nor disposed. */
  active(): boolean;
  disposed(): boolean;
  verdict(): Verdict & { replicas: Replica[] };
  replicas(): Replica[];
  evaluate(): void;
  afterStart(): void;
  /** The monitor gave up: the service is failed, with this message. */
  fail(message: string): void;
  /** A restart or recreation went through. */
  restarted(): void;
  emit(event: HealthRecovery): void;
}

interface Attempt {
  readonly trigger: HealthRecovery['trigger'];
  readonly action: 'restart' | 'recreate';
  readonly number?: number;
}

const RECENT = 10;

/**
 * Heals one service within its policy: restart (or recreate) at once, then with backoff, at most
 * `maxRestarts` in the window; then it gives up, loudly. Exits the engine restarts by itself (the
 * service's `restart` policy) are left to the engine.
 */
export class ServiceRecovery {
  private readonly budget: RecoveryBudget;
  private readonly breaker: RecoveryBreaker;
  private readonly timers: TimerSet;
  private pending: (() => void) | undefined;
  private inFlight = false;
  private attempt: Attempt | undefined;
  private detectedAt: number | undefined;
  readonly recent: HealthRecovery[] = [];

  constructor(
    private readonly host: RecoveryHost,
    private readonly policy: ResolvedRecovery,
    private readonly docker: HealthDocker,
    private readonly clock: Clock,
    private readonly logger: Logger,
    random?: () => number,
  ) {
    this.budget = new RecoveryBudget(policy, random);
    this.breaker = new RecoveryBreaker(policy.circuitBreaker);
    this.timers = new TimerSet(clock);
  }

  /** Being healed of its own trouble (not a restart that follows a dependency). */
  get healing(): boolean {
    return this.attempt !== undefined && this.attempt.trigger !== 'dependency';
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Cancels a restart that waits for its backoff (the engine went away, or a dependency is the cause). */
  cancel(): void {
    this.pending?.();
    this.pending = undefined;
  }

  stop(): void {
    this.timers.clear();
    this.pending = undefined;
  }

  /** The service turned unhealthy (again). */
  noticed(): void {
    this.detectedAt ??= this.clock.now();
  }

  /**
   * Follows a state change: healthy ends the attempt (recovered; its action is returned, so the
   * dependents that restart with it can follow), unhealthy after a restart fails it.
   */
  transitioned(previous: HealthState, next: HealthState, reason: string): 'restart' | 'recreate' | undefined {
    if (next === 'healthy') {
      const attempt = this.attempt;
      const detected = this.detectedAt;
      this.attempt = undefined;
      this.detectedAt = undefined;
      this.budget.recovered();
      this.breaker.succeeded();
      if (!attempt) return undefined;
      const durationMs = detected !== undefined ? this.clock.now() - detected : undefined;
      this.emit(attempt, 'recovered', 'healthy again', durationMs !== undefined ? { durationMs } : {});
      return attempt.action;
    }
    if (next === 'unhealthy' && previous === 'starting' && this.attempt) {
      this.failed(this.attempt, reason);
    }
    return undefined;
  }

  private emit(
    attempt: Attempt,
    result: HealthRecovery['result'],
    reason: string,
    extra: Partial<HealthRecovery> = {},
  ): void {
    const event: HealthRecovery = {
      runId: this.host.runId,
      project: this.host.project,
      nodeId: this.host.nodeId,
      action: attempt.action,
      trigger: attempt.trigger,
      result,
      ...(attempt.number !== undefined
        ? { attempt: attempt.number, maxAttempts: this.policy.maxRestarts }
        : {}),
      reason,
      at: new Date(this.clock.now()).toISOString(),
      ...extra,
    };
    this.recent.push(event);
    if (this.recent.length > RECENT) this.recent.shift();
    this.host.emit(event);
  }

  /**
   * Unhealthy by its own fault: plans the next attempt, unless the policy says not to, the engine
   * restarts it itself, one is already planned or running, or the budget is spent (then: failed).
   * Returns the reason to show instead, when it is left to the engine.
   */
  schedule(own: Verdict & { replicas: Replica[] }): string | undefined {
    if (this.pending || this.inFlight || !this.host.active() || this.docker.engineState !== 'connected')
      return undefined;
    const trigger = own.kind === 'exited' ? 'exited' : 'unhealthy';
    if (trigger === 'exited' ? !this.policy.restartOnExit : !this.policy.restartUnhealthy) return undefined;
    const leftToEngine = own.replicas.every(
      (r) => !r.removed && !r.running && engineRestarts(r.snapshot.restartPolicy, r.exitCode, r.killedByApi),
    );
    if (trigger === 'exited' && leftToEngine)
      return `${own.reason}; the engine restarts it (restart: ${own.replicas[0]?.snapshot.restartPolicy})`;
    if (this.budget.exhausted(this.clock.now())) {
      this.giveUp(own.reason);
      return undefined;
    }
    // An open breaker holds the next restart back until it half-opens.
    const delayMs = Math.max(this.budget.nextDelay(), this.breaker.waitMs(this.clock.now()));
    this.pending = this.timers.after(delayMs, () => {
      this.pending = undefined;
      void this.recover(trigger, delayMs);
    });
    return undefined;
  }

  /** An attempt did not bring the service back; enough of them in a row open the breaker. */
  private failed(attempt: Attempt, reason: string): void {
    this.emit(attempt, 'failed', reason);
    this.attempt = undefined;
    // A restart that follows a dependency is not this service's own recovery.
    if (attempt.trigger === 'dependency') return;
    const now = this.clock.now();
    if (!this.breaker.failed(now)) return;
    const waitMs = this.breaker.waitMs(now);
    const failures = this.breaker.consecutiveFailures;
    this.logger.warn(
      { project: this.host.project, nodeId: this.host.nodeId, failures, waitMs },
      'circuit breaker open: restarts paused',
    );
    this.emit(
      attempt,
      'circuit-open',
      `${failures} failed recoveries in a row: no restart for ${Math.round(waitMs / 100) / 10} s, then one trial`,
      { delayMs: waitMs },
    );
  }

  private giveUp(reason: string): void {
    const used = this.budget.used(this.clock.now());
    const { maxRestarts, windowMs, action } = this.policy;
    const message = `gave up after ${used} restart${used === 1 ? '' : 's'} in ${Math.round(windowMs / 1000)} s: ${reason}`;
    this.logger.error(
      { project: this.host.project, nodeId: this.host.nodeId, restarts: used, maxRestarts, reason },
      'service failed: the health monitor stopped restarting it',
    );
    this.emit({ trigger: 'unhealthy', action, number: Math.max(1, used) }, 'gave-up', message);
    this.attempt = undefined;
    this.host.fail(message);
  }

  private async recover(trigger: Attempt['trigger'], delayMs: number): Promise<void> {
    if (!this.host.active() || this.host.cause() !== undefined || this.host.state() !== 'unhealthy') return;
    const own = this.host.verdict();
    if (own.kind !== 'exited' && own.kind !== 'failing') return this.host.evaluate();
    const number = this.budget.record(this.clock.now());
    await this.act({ trigger, action: this.policy.action, number }, own.replicas, own.reason, delayMs);
  }

  /** A dependency it restarts with (edge `restart: true`) was restarted or recreated. */
  followDependency(dependency: string, action: 'restart' | 'recreate'): void {
    if (!this.host.active() || this.inFlight || this.host.state() === 'failed') return;
    const reason = `${dependency} was ${action === 'recreate' ? 'recreated' : 'restarted'}`;
    void this.act({ trigger: 'dependency', action: 'restart' }, this.host.replicas(), reason, 0);
  }

  /** Restarts (or recreates) the replicas, then has them watched as they start over. */
  private async act(attempt: Attempt, replicas: Replica[], reason: string, delayMs: number): Promise<void> {
    this.attempt = attempt;
    this.emit(attempt, 'started', reason, { delayMs });
    this.inFlight = true;
    const error = await restartReplicas(this.docker, replicas, attempt.action, () => this.clock.now());
    this.inFlight = false;
    if (this.host.disposed()) return;
    if (error) {
      this.failed(attempt, `${attempt.action} failed: ${error.message}`);
      this.host.evaluate();
      return;
    }
    this.host.restarted();
    this.host.evaluate();
    this.host.afterStart();
  }
}
