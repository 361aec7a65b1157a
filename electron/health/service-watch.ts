import type {
  HealthCheckResult,
  HealthRecovery,
  HealthStatus,
  ServiceHealth,
} from '../../shared/ipc/health-contract';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import { AUTO_ENGINE, CheckScheduler } from './check-scheduler';
import type { ResolvedCheck, ResolvedHealth, ResolvedRecovery } from './check-spec';
import type { ContainerEventInfo, ContainerSnapshot, HealthDocker } from './health-docker';
import { canTransition, type HealthState } from './health-state';
import type { ProbeOutcome } from './probes';
import { exitReason, newReplica, refresh, resetChecks, serviceVerdict, type Replica } from './replica';
import { ServiceRecovery } from './service-recovery';

/** What a service watch tells its project, and asks of it. */
export interface ServiceWatchHooks {
  /** The dependency at the root of this service's trouble, if one of its dependencies is down. */
  causeOf(nodeId: string): string | undefined;
  /** The service changed state: its dependents may need to know. */
  changed(nodeId: string): void;
  /** A recovery (restart or recreate) brought the service back. */
  recovered(nodeId: string, action: 'restart' | 'recreate'): void;
  status(event: HealthStatus): void;
  recovery(event: HealthRecovery): void;
  checked(result: HealthCheckResult): void;
}

export interface ServiceWatchOptions {
  runId: string;
  project: string;
  nodeId: string;
  health: ResolvedHealth;
  recovery: ResolvedRecovery;
  docker: HealthDocker;
  clock: Clock;
  logger: Logger;
  hooks: ServiceWatchHooks;
  random?: () => number;
}

const HISTORY = 20;

/**
 * Watches one service: follows its containers' events, has its checks run (CheckScheduler), keeps
 * its health state, and has it healed within its policy (ServiceRecovery). It never restarts a
 * service whose dependency is the cause, and does nothing while the engine is away (unknown).
 */
export class ServiceWatch {
  readonly nodeId: string;
  private state: HealthState = 'starting';
  private since: number;
  private reason = 'waiting for the first check';
  private cause: string | undefined;
  private readonly replicas = new Map<string, Replica>();
  private restarts = 0;
  private checkFailures = 0;
  private lastCheck: HealthCheckResult | undefined;
  private readonly history: HealthCheckResult[] = [];
  private readonly checks: CheckScheduler;
  private readonly recovery: ServiceRecovery;
  private recheckAfter: string | undefined;
  private paused = true;
  private disposed = false;

  constructor(private readonly options: ServiceWatchOptions) {
    this.nodeId = options.nodeId;
    this.since = options.clock.now();
    const active = () => !this.disposed && !this.paused;
    const all = () => [...this.replicas.values()];
    this.checks = new CheckScheduler(
      {
        replicas: all,
        checksOf: (replica) => this.checksOf(replica),
        record: (replica, outcome, check, type, ms) => this.record(replica, outcome, check, type, ms),
        evaluate: () => this.evaluate(),
        isStarting: () => this.state === 'starting',
        active,
      },
      options.health.checks,
      options.docker,
      options.clock,
    );
    this.recovery = new ServiceRecovery(
      {
        runId: options.runId,
        project: options.project,
        nodeId: options.nodeId,
        state: () => this.state,
        cause: () => this.cause,
        active,
        disposed: () => this.disposed,
        verdict: () => this.verdict(),
        replicas: all,
        evaluate: () => this.evaluate(),
        afterStart: () => this.checks.afterStart(),
        fail: (message) => this.setState('failed', message),
        restarted: () => void this.restarts++,
        emit: (event) => options.hooks.recovery(event),
      },
      options.recovery,
      options.docker,
      options.clock,
      options.logger,
      options.random,
    );
  }

  /** Down by its own fault (or being healed of it): what makes its dependents degraded. */
  get selfDown(): boolean {
    if (this.state === 'unhealthy' || this.state === 'failed') return true;
    return this.state === 'starting' && this.recovery.healing;
  }

  private now(): number {
    return this.options.clock.now();
  }

  private iso(ms = this.now()): string {
    return new Date(ms).toISOString();
  }

  private checksOf(replica: Replica): readonly ResolvedCheck[] {
    const { checks, autoEngine } = this.options.health;
    return autoEngine && replica.engineHealth !== undefined ? [...checks, AUTO_ENGINE] : checks;
  }

  private verdict() {
    return serviceVerdict([...this.replicas.values()], (r) => this.checksOf(r));
  }

  /** Starts (or, after the engine came back, resumes) watching with the containers as they are now. */
  resume(snapshots: readonly ContainerSnapshot[]): void {
    if (this.disposed) return;
    const now = this.now();
    const seen = new Set<string>();
    for (const snapshot of snapshots) {
      seen.add(snapshot.name);
      const known = this.replicas.get(snapshot.name);
      if (known) refresh(known, snapshot, now);
      else this.replicas.set(snapshot.name, newReplica(snapshot, now));
    }
    for (const replica of this.replicas.values()) if (!seen.has(replica.name)) replica.removed = true;
    this.paused = false;
    this.evaluate();
    this.checks.checkNow();
  }

  /** The engine is away: nothing can be known or done; every timer stops. */
  pause(reason: string): void {
    if (this.disposed) return;
    this.paused = true;
    this.checks.stop();
    this.recovery.stop();
    this.setState('unknown', reason);
  }

  dispose(): void {
    this.disposed = true;
    this.paused = true;
    this.checks.stop();
    this.recovery.stop();
  }

  /** A dependency changed state: become degraded by it, or re-check once it is back. */
  dependencyChanged(): void {
    if (this.disposed || this.paused) return;
    const cause = this.options.hooks.causeOf(this.nodeId);
    if (cause === this.cause) return;
    const previous = this.cause;
    this.cause = cause;
    if (cause === undefined && previous !== undefined) this.recheck(previous);
    else this.evaluate();
  }

  /** A dependency that this service restarts with (edge `restart: true`) was restarted or recreated. */
  restartForDependency(dependency: string, action: 'restart' | 'recreate'): void {
    this.recovery.followDependency(dependency, action);
  }

  onEvent(event: ContainerEventInfo): void {
    if (this.disposed || this.paused) return;
    const replica = this.replicas.get(event.name);
    if (!replica) {
      if (event.action === 'start') void this.adopt(event.id);
      return;
    }
    // Events of an earlier container of the same name, or from before the current start.
    if (replica.busy || event.id !== replica.id || event.timeMs < replica.startedAtMs) return;
    const action = event.action;
    if (action === 'kill') replica.killedByApi = true;
    else if (action === 'oom') replica.oomKilled = true;
    else if (action === 'die') {
      replica.running = false;
      replica.exitCode = Number(event.attributes['exitCode'] ?? replica.exitCode);
      this.record(replica, { ok: false, message: exitReason(replica) }, 'container', 'container', 0);
      this.evaluate();
    } else if (action === 'destroy') {
      replica.removed = true;
      replica.running = false;
      this.evaluate();
    } else if (action === 'start') void this.reinspect(replica);
    else if (action.startsWith('health_status')) {
      const status = action.slice(action.indexOf(':') + 1).trim();
      if (status !== 'healthy' && status !== 'unhealthy' && status !== 'starting') return;
      replica.engineHealth = status;
      if (status !== 'starting') {
        const outcome = { ok: status === 'healthy', message: `engine: ${status}` };
        this.record(replica, outcome, AUTO_ENGINE.name, 'engine', 0);
      }
      this.evaluate();
    }
  }

  /** A container of this service that the watch did not know (a replica someone started). */
  private async adopt(id: string): Promise<void> {
    const snapshot = await this.options.docker.inspect(id).catch(() => undefined);
    if (!snapshot || this.disposed || this.paused || snapshot.nodeId !== this.nodeId) return;
    const known = this.replicas.get(snapshot.name);
    if (known) return this.reinspect(known);
    this.replicas.set(snapshot.name, newReplica(snapshot, this.now()));
    this.evaluate();
    this.checks.afterStart();
  }

  /** Started by someone else (the engine's restart policy, `docker start`): look again. */
  private async reinspect(replica: Replica): Promise<void> {
    const snapshot = await this.options.docker.inspect(replica.id).catch(() => undefined);
    if (!snapshot || this.disposed || this.paused || replica.busy) return;
    const before = replica.startedAtMs;
    refresh(replica, snapshot, this.now());
    if (replica.startedAtMs === before) return;
    this.evaluate();
    this.checks.afterStart();
  }

  private record(
    replica: Replica,
    outcome: ProbeOutcome,
    check: string,
    type: HealthCheckResult['type'],
    durationMs: number,
  ): void {
    const result: HealthCheckResult = {
      check,
      type,
      ok: outcome.ok,
      at: this.iso(),
      durationMs: Math.max(0, Math.round(durationMs)),
      message: outcome.message,
      ...(this.replicas.size > 1 ? { container: replica.name } : {}),
    };
    this.history.push(result);
    if (this.history.length > HISTORY) this.history.shift();
    this.lastCheck = result;
    if (!outcome.ok) this.checkFailures++;
    this.options.hooks.checked(result);
  }

  /** Decides the state from the facts, and has it healed when that is the service's own business. */
  private evaluate(): void {
    if (this.disposed || this.paused) return;
    const own = this.verdict();
    if (this.state === 'failed') {
      // The monitor gave up; only the service coming back by itself (or by a person) ends it.
      if (own.kind === 'ok') this.setState('healthy', 'back again after it was given up');
      return;
    }
    if (this.cause !== undefined) {
      this.recovery.cancel();
      this.setState('degraded', `${this.cause} is down`);
      return;
    }
    if (own.kind === 'exited' || own.kind === 'failing') {
      this.setState('unhealthy', own.reason);
      const instead = this.recovery.schedule(own);
      if (instead !== undefined) this.reason = instead;
      return;
    }
    if (own.kind === 'pending') {
      const reason = this.recheckAfter ? `re-checking after ${this.recheckAfter} recovered` : own.reason;
      this.setState('starting', reason);
      return;
    }
    this.recheckAfter = undefined;
    this.setState('healthy', own.reason);
  }

  private setState(next: HealthState, reason: string): void {
    const previous = this.state;
    const causeChanged = next === 'degraded' && reason !== this.reason;
    if (next === previous && !causeChanged) {
      this.reason = reason;
      return;
    }
    if (next !== previous && !canTransition(previous, next)) {
      const where = { nodeId: this.nodeId, from: previous, to: next };
      this.options.logger.error(where, 'illegal health transition');
      return;
    }
    if (next !== previous) this.since = this.now();
    this.state = next;
    this.reason = reason;
    if (next === 'unhealthy') this.recovery.noticed();
    this.options.hooks.status({
      runId: this.options.runId,
      project: this.options.project,
      nodeId: this.nodeId,
      state: next,
      ...(next !== previous ? { previous } : {}),
      since: this.iso(this.since),
      reason,
      ...(next === 'degraded' && this.cause ? { cause: this.cause } : {}),
      restarts: this.restarts,
      ...(this.lastCheck ? { lastCheck: this.lastCheck } : {}),
    });
    const recovered = this.recovery.transitioned(previous, next, reason);
    if (recovered) this.options.hooks.recovered(this.nodeId, recovered);
    if (next !== previous) this.options.hooks.changed(this.nodeId);
  }

  /** After the root cause recovered: forget failures it caused and look again, at once. */
  private recheck(recovered: string): void {
    const now = this.now();
    this.recheckAfter = recovered;
    const stale: Replica[] = [];
    for (const replica of this.replicas.values()) {
      resetChecks(replica, now);
      if (replica.engineHealth === 'unhealthy') {
        replica.engineHealth = 'starting';
        stale.push(replica);
      }
    }
    this.evaluate();
    this.checks.checkNow();
    for (const replica of stale) void this.checks.recheckEngine(replica);
  }

  summary(): ServiceHealth {
    return {
      nodeId: this.nodeId,
      state: this.state,
      since: this.iso(this.since),
      reason: this.reason,
      ...(this.state === 'degraded' && this.cause ? { cause: this.cause } : {}),
      restarts: this.restarts,
      checkFailures: this.checkFailures,
      ...(this.lastCheck ? { lastCheck: this.lastCheck } : {}),
      checks: [...this.history],
      recoveries: [...this.recovery.recent],
      containers: [...this.replicas.keys()].sort(),
    };
  }

  /** Timers this watch has pending (for tests: zero after dispose). */
  get pendingTimers(): number {
    return this.checks.pendingTimers + this.recovery.pendingTimers;
  }
}
