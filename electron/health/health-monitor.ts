import type {
  ChaosKillResult,
  HealthRecovery,
  HealthStatus,
  HealthSummary,
} from '../../shared/ipc/health-contract';
import type { Unsubscribe } from '../../shared/ipc/transport';
import { systemClock, type Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import { chaosKill } from './chaos';
import type { HealthDocker } from './health-docker';
import { ProjectWatch, type WatchTarget } from './project-watch';

export interface Disposable {
  dispose(): void;
}

/** Counting port: restarts, check failures and time to recover (names in telemetry/names.ts). */
export interface HealthMetrics {
  checkFailed(project: string, nodeId: string): void;
  restarted(project: string, nodeId: string): void;
  recovered(project: string, nodeId: string, seconds: number): void;
}

export interface HealthMonitorOptions {
  docker: HealthDocker;
  logger: Logger;
  clock?: Clock;
  metrics?: HealthMetrics;
  /** For the backoff jitter (tests pin it). */
  random?: () => number;
  reconnectDelayMs?: number;
}

/**
 * Watches the services of running projects (one watch per project; a newer run's replaces the
 * older one's), pushes their health and recovery steps, and answers what their health is now.
 */
export class HealthMonitor {
  private readonly projects = new Map<string, ProjectWatch>();
  private readonly statusListeners = new Set<(event: HealthStatus) => void>();
  private readonly recoveryListeners = new Set<(event: HealthRecovery) => void>();
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly options: HealthMonitorOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger.child({ component: 'health-monitor' });
  }

  onStatus(listener: (event: HealthStatus) => void): Unsubscribe {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onRecovery(listener: (event: HealthRecovery) => void): Unsubscribe {
    this.recoveryListeners.add(listener);
    return () => this.recoveryListeners.delete(listener);
  }

  /** Starts watching a run's services; dispose (or a newer watch of the project) stops it. */
  watch(target: WatchTarget): Disposable {
    this.projects.get(target.project)?.dispose();
    const metrics = this.options.metrics;
    const watch = new ProjectWatch({
      ...target,
      docker: this.options.docker,
      clock: this.clock,
      logger: this.logger,
      ...(this.options.random ? { random: this.options.random } : {}),
      ...(this.options.reconnectDelayMs !== undefined
        ? { reconnectDelayMs: this.options.reconnectDelayMs }
        : {}),
      onStatus: (event) => {
        for (const listener of [...this.statusListeners]) listener(event);
      },
      onRecovery: (event) => {
        if (event.result === 'started') metrics?.restarted(event.project, event.nodeId);
        if (event.result === 'recovered' && event.durationMs !== undefined)
          metrics?.recovered(event.project, event.nodeId, event.durationMs / 1000);
        for (const listener of [...this.recoveryListeners]) listener(event);
      },
      onCheck: (result, nodeId) => {
        if (!result.ok) metrics?.checkFailed(target.project, nodeId);
      },
    });
    this.projects.set(target.project, watch);
    this.logger.info({ project: target.project, runId: target.runId, services: watch.nodeIds() }, 'watching');
    watch.start();
    return {
      dispose: () => {
        if (this.projects.get(target.project) === watch) this.projects.delete(target.project);
        watch.dispose();
      },
    };
  }

  /** The live health of a project (or of the run being watched), if it is watched. */
  get(query: { runId?: string; project?: string }): HealthSummary | undefined {
    for (const watch of this.projects.values()) {
      if (query.project !== undefined && watch.project !== query.project) continue;
      if (query.runId !== undefined && watch.runId !== query.runId) continue;
      return watch.summary();
    }
    return undefined;
  }

  list(): HealthSummary[] {
    return [...this.projects.values()].map((watch) => watch.summary());
  }

  /** Kills a node's containers hard, so the monitor has something to heal. */
  kill(project: string, nodeId: string): Promise<ChaosKillResult> {
    this.logger.warn({ project, nodeId }, 'chaos: killing the node');
    return chaosKill(this.options.docker, project, nodeId, () => this.clock.now());
  }

  /** Timers pending across every watch (for tests: zero after dispose). */
  get pendingTimers(): number {
    let total = 0;
    for (const watch of this.projects.values()) total += watch.pendingTimers;
    return total;
  }

  dispose(): void {
    for (const watch of this.projects.values()) watch.dispose();
    this.projects.clear();
    this.statusListeners.clear();
    this.recoveryListeners.clear();
  }
}
