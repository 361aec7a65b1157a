import type {
  HealthCheckResult,
  HealthRecovery,
  HealthStatus,
  HealthSummary,
} from '../../shared/ipc/health-contract';
import { dependencyGraph, type ServiceNode, type Topology } from '../../shared/topology';
import type { Unsubscribe } from '../../shared/ipc/transport';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import { resolveHealth, resolveRecovery } from './check-spec';
import type { ContainerSnapshot, HealthDocker } from './health-docker';
import { HEALTH_STATES, worstOf } from './health-state';
import { ServiceWatch } from './service-watch';
import { TimerSet } from './timer-set';

export interface WatchTarget {
  runId: string;
  project: string;
  topology: Topology;
  /** The services to watch (those the run brought up); default: every service of the topology. */
  services?: readonly string[];
}

export interface ProjectWatchOptions extends WatchTarget {
  docker: HealthDocker;
  clock: Clock;
  logger: Logger;
  onStatus(event: HealthStatus): void;
  onRecovery(event: HealthRecovery): void;
  onCheck(result: HealthCheckResult, nodeId: string): void;
  random?: () => number;
  /** After the event stream drops while the engine still looks connected, try again after this. */
  reconnectDelayMs?: number;
}

interface DependencyEdge {
  readonly node: string;
  readonly restart: boolean;
}

export const ENGINE_AWAY =
  'the Docker engine is unreachable; nothing is checked or restarted until it is back';

/**
 * Watches one project's services: one event stream for all of them, the engine's status (away:
 * everything unknown, back: look again), and the dependencies between services (a dependency
 * that is down makes its dependents degraded; its recovery has them checked again, or restarted
 * where the edge says `restart: true`).
 */
export class ProjectWatch {
  readonly project: string;
  readonly runId: string;
  private readonly watches = new Map<string, ServiceWatch>();
  private readonly dependencies = new Map<string, DependencyEdge[]>();
  private readonly timers: TimerSet;
  private stopEvents: (() => void) | undefined;
  private offEngine: Unsubscribe | undefined;
  private connecting: Promise<void> | undefined;
  private propagating = false;
  private disposed = false;

  constructor(private readonly options: ProjectWatchOptions) {
    this.project = options.project;
    this.runId = options.runId;
    this.timers = new TimerSet(options.clock);
    const nodes = options.topology.spec.nodes;
    const wanted = new Set(options.services ?? Object.keys(nodes));
    for (const [id, node] of Object.entries(nodes)) {
      if (node.kind !== 'service' || !wanted.has(id) || node.health?.disable === true) continue;
      if ((node.replicas ?? 1) < 1) continue;
      this.watches.set(id, this.createWatch(id, node));
    }
    const graph = dependencyGraph(options.topology);
    for (const id of this.watches.keys())
      this.dependencies.set(id, this.serviceDependencies(id, graph, new Set()));
  }

  private createWatch(nodeId: string, node: ServiceNode): ServiceWatch {
    return new ServiceWatch({
      runId: this.options.runId,
      project: this.options.project,
      nodeId,
      health: resolveHealth(node),
      recovery: resolveRecovery(node),
      docker: this.options.docker,
      clock: this.options.clock,
      logger: this.options.logger.child({ component: 'health', project: this.options.project, nodeId }),
      ...(this.options.random ? { random: this.options.random } : {}),
      hooks: {
        causeOf: (id) => this.causeOf(id, new Set()),
        changed: () => this.propagate(),
        recovered: (id, action) => this.dependencyRecovered(id, action),
        status: (event) => this.options.onStatus(event),
        recovery: (event) => this.options.onRecovery(event),
        checked: (result) => this.options.onCheck(result, nodeId),
      },
    });
  }

  /** Dependencies among the watched services; a job in between passes its own dependencies on. */
  private serviceDependencies(
    id: string,
    graph: ReturnType<typeof dependencyGraph>,
    seen: Set<string>,
  ): DependencyEdge[] {
    const node = this.options.topology.spec.nodes[id];
    const declared = node?.kind === 'service' || node?.kind === 'job' ? (node.dependsOn ?? []) : [];
    const edges: DependencyEdge[] = [];
    for (const edge of graph.get(id) ?? []) {
      const dependsOn = declared.find((d) => d.node === edge.to);
      if (dependsOn?.required === false || seen.has(edge.to)) continue;
      seen.add(edge.to);
      if (this.watches.has(edge.to)) edges.push({ node: edge.to, restart: dependsOn?.restart === true });
      else if (this.options.topology.spec.nodes[edge.to]?.kind === 'job')
        edges.push(...this.serviceDependencies(edge.to, graph, seen));
    }
    return edges;
  }

  /** The dependency at the root of a service's trouble: the first one down, looking through degraded ones. */
  private causeOf(nodeId: string, seen: Set<string>): string | undefined {
    seen.add(nodeId);
    for (const edge of this.dependencies.get(nodeId) ?? []) {
      if (seen.has(edge.node)) continue;
      const watch = this.watches.get(edge.node);
      if (watch?.selfDown) return edge.node;
      const deeper = this.causeOf(edge.node, seen);
      if (deeper !== undefined) return deeper;
    }
    return undefined;
  }

  /** A state changed somewhere: every service re-asks about its dependencies (after this turn). */
  private propagate(): void {
    if (this.propagating || this.disposed) return;
    this.propagating = true;
    queueMicrotask(() => {
      this.propagating = false;
      if (this.disposed) return;
      for (const watch of this.watches.values()) watch.dependencyChanged();
    });
  }

  private dependencyRecovered(nodeId: string, action: 'restart' | 'recreate'): void {
    for (const [id, edges] of this.dependencies) {
      if (edges.some((edge) => edge.node === nodeId && edge.restart))
        this.watches.get(id)?.restartForDependency(nodeId, action);
    }
  }

  start(): this {
    this.offEngine = this.options.docker.onEngineState((state) => {
      if (state === 'connected') void this.connect();
      else if (state === 'disconnected') this.engineAway();
    });
    const state = this.options.docker.engineState;
    if (state === 'connected') void this.connect();
    // Still connecting: the first look waits for `connected`, without claiming the engine is away.
    else if (state === 'disconnected') this.engineAway();
    return this;
  }

  private engineAway(): void {
    if (this.disposed) return;
    this.timers.clear();
    this.stopEvents?.();
    this.stopEvents = undefined;
    for (const watch of this.watches.values()) watch.pause(ENGINE_AWAY);
  }

  /** Follows the events first, then reads every container, so no change falls in between. */
  private connect(): Promise<void> {
    this.connecting ??= this.openAndResume().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async openAndResume(): Promise<void> {
    if (this.disposed) return;
    try {
      if (!this.stopEvents) {
        const stop = await this.options.docker.events(
          this.project,
          (event) => this.watches.get(event.nodeId)?.onEvent(event),
          () => {
            if (this.stopEvents !== stop) return;
            this.stopEvents = undefined;
            this.retrySoon();
          },
        );
        if (this.disposed) return stop();
        this.stopEvents = stop;
      }
      const containers = await this.options.docker.listServices(this.project);
      if (this.disposed) return;
      const byNode = new Map<string, ContainerSnapshot[]>();
      for (const container of containers) {
        const list = byNode.get(container.nodeId) ?? [];
        list.push(container);
        byNode.set(container.nodeId, list);
      }
      for (const [id, watch] of this.watches) watch.resume(byNode.get(id) ?? []);
    } catch (error) {
      this.options.logger.debug({ err: error, project: this.project }, 'health: cannot reach the engine');
      this.retrySoon();
    }
  }

  /** The stream dropped (or a look failed) while the engine still seemed there: try again shortly. */
  private retrySoon(): void {
    if (this.disposed) return;
    if (this.options.docker.engineState !== 'connected') return this.engineAway();
    this.timers.clear();
    this.timers.after(this.options.reconnectDelayMs ?? 500, () => {
      if (this.options.docker.engineState === 'connected') void this.connect();
      else this.engineAway();
    });
  }

  summary(): HealthSummary {
    const services = Object.fromEntries(
      [...this.watches.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, w]) => [id, w.summary()]),
    );
    const states = Object.values(services).map((s) => s.state);
    const counts = Object.fromEntries(HEALTH_STATES.map((s) => [s, 0])) as HealthSummary['counts'];
    for (const state of states) counts[state]++;
    return {
      project: this.project,
      runId: this.runId,
      monitoring: !this.disposed,
      overall: worstOf(states),
      counts,
      services,
    };
  }

  nodeIds(): string[] {
    return [...this.watches.keys()];
  }

  /** Timers still pending across the project and its services (for tests). */
  get pendingTimers(): number {
    let total = this.timers.size;
    for (const watch of this.watches.values()) total += watch.pendingTimers;
    return total;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.offEngine?.();
    this.timers.clear();
    this.stopEvents?.();
    this.stopEvents = undefined;
    for (const watch of this.watches.values()) watch.dispose();
  }
}
