import type { HealthCheckResult } from '../../shared/ipc/health-contract';
import type { Clock } from '../common/clock';
import { runCheck } from './check-runner';
import { engineCheck, type ResolvedCheck } from './check-spec';
import type { HealthDocker } from './health-docker';
import type { ProbeOutcome } from './probes';
import type { Replica } from './replica';
import { TimerSet } from './timer-set';

/** What the scheduler needs from its service watch. */
export interface CheckHost {
  replicas(): Iterable<Replica>;
  checksOf(replica: Replica): readonly ResolvedCheck[];
  /** Keeps a result in the service's check history. */
  record(
    replica: Replica,
    outcome: ProbeOutcome,
    check: string,
    type: HealthCheckResult['type'],
    ms: number,
  ): void;
  /** The facts changed: decide the state again. */
  evaluate(): void;
  isStarting(): boolean;
  /** Not paused (engine away) nor disposed. */
  active(): boolean;
}

export const AUTO_ENGINE = engineCheck('engine');
/** How often a starting container's engine healthcheck is run here (as the run engine does). */
const ENGINE_PROBE_MS = 250;

/**
 * Runs one service's timed checks (HTTP, TCP, exec) on their schedules, faster while it starts,
 * and turns their outcomes into replica facts (failures in a row, passed since start).
 */
export class CheckScheduler {
  private readonly timers: TimerSet;
  private readonly ticks = new Map<string, () => void>();
  /** Replicas whose engine healthcheck is being run here while they start. */
  private readonly engineProbes = new Set<string>();
  private probes = new AbortController();

  constructor(
    private readonly host: CheckHost,
    private readonly checks: readonly ResolvedCheck[],
    private readonly docker: HealthDocker,
    private readonly clock: Clock,
  ) {
    this.timers = new TimerSet(clock);
  }

  private get timedChecks(): readonly ResolvedCheck[] {
    return this.checks.filter((check) => check.type !== 'engine');
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Checks everything now (first look, engine back, a root cause recovered). */
  checkNow(): void {
    this.probes = this.probes.signal.aborted ? new AbortController() : this.probes;
    for (const check of this.timedChecks) this.schedule(check, 0);
  }

  /**
   * Just (re)started: checks come after their start interval, as the engine's do, so a check does
   * not fail only because the process has not bound its port yet; the engine's own healthcheck is
   * run here meanwhile.
   */
  afterStart(): void {
    for (const check of this.timedChecks) this.schedule(check, check.startIntervalMs);
    for (const replica of this.host.replicas()) this.probeEngineWhileStarting(replica);
  }

  /** Stops every timer and aborts probes in flight. */
  stop(): void {
    this.timers.clear();
    this.ticks.clear();
    this.engineProbes.clear();
    this.probes.abort();
  }

  private schedule(check: ResolvedCheck, delayMs: number): void {
    if (!this.host.active()) return;
    this.ticks.get(check.id)?.();
    this.ticks.set(
      check.id,
      this.timers.after(delayMs, () => {
        this.ticks.delete(check.id);
        void this.tick(check);
      }),
    );
  }

  private async tick(check: ResolvedCheck): Promise<void> {
    const signal = this.probes.signal;
    const targets = [...this.host.replicas()].filter((r) => r.running && !r.busy);
    const outcomes = await Promise.all(
      targets.map(async (replica) => {
        const started = performance.now();
        const outcome = await runCheck(check, replica.snapshot, this.docker, signal);
        return { replica, outcome, ms: performance.now() - started };
      }),
    );
    if (!this.host.active() || signal.aborted) return;
    const now = this.clock.now();
    for (const { replica, outcome, ms } of outcomes) {
      if (outcome.inconclusive || replica.busy || !replica.running) continue;
      this.host.record(replica, outcome, check.name, check.type, ms);
      if (outcome.ok) {
        replica.failures.set(check.id, 0);
        replica.passed.add(check.id);
        continue;
      }
      replica.lastFailure.set(check.id, outcome.message);
      // Docker's rule: failures in the start period do not count until the check first passes.
      const inStartPeriod = !replica.passed.has(check.id) && now - replica.localStartMs < check.startPeriodMs;
      if (!inStartPeriod) replica.failures.set(check.id, (replica.failures.get(check.id) ?? 0) + 1);
    }
    this.host.evaluate();
    const starting = this.host.isStarting() || targets.some((r) => !r.passed.has(check.id));
    this.schedule(check, starting ? check.startIntervalMs : check.intervalMs);
  }

  /**
   * While the engine still says `starting`, its healthcheck command is run here every 250 ms, so
   * the service is healthy again the moment it passes rather than one engine interval later. Only
   * a pass counts: failing stays the engine's call.
   */
  private probeEngineWhileStarting(replica: Replica): void {
    if (this.engineProbes.has(replica.name) || !replica.snapshot.healthTest) return;
    if (replica.engineHealth !== 'starting' || !this.host.checksOf(replica).some((c) => c.type === 'engine'))
      return;
    this.engineProbes.add(replica.name);
    this.timers.after(ENGINE_PROBE_MS, () => void this.engineProbe(replica));
  }

  private async engineProbe(replica: Replica): Promise<void> {
    const signal = this.probes.signal;
    const usable = () =>
      this.host.active() &&
      !signal.aborted &&
      replica.running &&
      !replica.busy &&
      replica.engineHealth === 'starting';
    if (usable()) {
      const outcome = await this.runEngineCheck(replica, 2_000);
      if (usable() && outcome.ok) {
        this.engineProbes.delete(replica.name);
        replica.engineHealth = 'healthy';
        this.host.record(replica, outcome, AUTO_ENGINE.name, 'engine', 0);
        this.host.evaluate();
        return;
      }
    }
    this.engineProbes.delete(replica.name);
    if (usable()) this.probeEngineWhileStarting(replica);
  }

  private runEngineCheck(replica: Replica, timeoutMs: number): Promise<ProbeOutcome> {
    const command = replica.snapshot.healthTest;
    if (!command)
      return Promise.resolve({ ok: false, inconclusive: true, message: 'no healthcheck command' });
    return runCheck(
      { ...AUTO_ENGINE, timeoutMs },
      replica.snapshot,
      this.docker,
      this.probes.signal,
      command,
    );
  }

  /** The engine's verdict may be old (a root cause just recovered): get a fresh one at once. */
  async recheckEngine(replica: Replica): Promise<void> {
    const outcome = await this.runEngineCheck(replica, 10_000);
    if (!this.host.active() || outcome.inconclusive || replica.engineHealth !== 'starting') return;
    replica.engineHealth = outcome.ok ? 'healthy' : 'unhealthy';
    this.host.record(replica, outcome, AUTO_ENGINE.name, 'engine', 0);
    this.host.evaluate();
  }
}
