import type { RunLogLine } from '../../shared/ipc/contract';
import type { Clock, Timer } from '../common/clock';
import type { LogFollow, LogLineHandler } from '../docker/container-logs';
import type { StatsFollow, StatsSample } from '../docker/container-stats';
import type { DockerResources } from '../docker/docker-resources';
import { LogPump } from '../telemetry/log-pump';
import type { Logger } from '../common/logger';
import type { DockwrightMetrics } from '../telemetry/metrics';

export interface RunWatchOptions {
  resources: DockerResources;
  project: string;
  runId: string;
  clock: Clock;
  logger: Logger;
  metrics?: DockwrightMetrics;
  onLog: (line: RunLogLine) => void;
}

/** A followed container's output, as the node runner sees it. */
export interface FollowedLogs {
  /**
   * Resolves once the stream has ended (the container stopped and everything it wrote was read),
   * or after `idleMs` without a line: a stream the engine never closes must not hold a job.
   */
  finished(idleMs?: number): Promise<void>;
}

const NOTHING: FollowedLogs = { finished: () => Promise.resolve() };

/** How long a new follow of a container waits for the earlier one to end (it is then stopped). */
const EARLIER_FOLLOW_GRACE_MS = 2_000;

/** Whether `promise` settles within `ms` of the clock. */
function settled(clock: Clock, promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: Timer | undefined;
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => (timer = clock.setTimeout(() => resolve(false), ms))),
  ]).finally(() => {
    if (timer) clock.clearTimeout(timer);
  });
}

/**
 * What a run watches while its containers run: their output (followed live, through the bounded
 * log pump) and their CPU and memory (from the engine's stats stream, into the metrics, while the
 * metrics' `statsDemand` says someone looks at them). Closed when the run is cancelled, cleaned up,
 * replaced by a newer run of the project, or the app closes.
 */
export class RunWatch {
  readonly pump: LogPump;
  /** Every output followed now; a container's by its id (one at a time, or lines twice). */
  private readonly logs = new Map<LogFollow, string | undefined>();
  /** Containers whose usage is wanted while someone looks, by container id: their node. */
  private readonly statsTargets = new Map<string, string>();
  /** Stats streams open (or opening: undefined), by container id. */
  private readonly stats = new Map<string, StatsFollow | undefined>();
  private readonly offDemand: (() => void) | undefined;
  /** Other things to stop with the watch (a poll of a Swarm's tasks). */
  private readonly stops = new Set<() => void>();
  /** Last sample per container, per node: replicas are summed into the node's series. */
  private readonly usage = new Map<string, Map<string, StatsSample>>();
  private closed = false;

  constructor(private readonly options: RunWatchOptions) {
    const metrics = options.metrics;
    this.pump = new LogPump({
      clock: options.clock,
      sink: (line) => options.onLog({ runId: options.runId, ...line }),
      ...(metrics
        ? {
            onForwarded: (counts) => {
              for (const [stream, count] of Object.entries(counts))
                if (count > 0) metrics.logLines.inc({ stream }, count);
            },
            onDropped: (count) => metrics.logLinesDropped.inc(count),
          }
        : {}),
    });
    this.offDemand = metrics?.statsDemand.onChange((active) => {
      if (active)
        for (const [containerId, nodeId] of this.statsTargets) void this.followStats(nodeId, containerId);
      else for (const follow of this.stats.values()) follow?.stop();
    });
  }

  /** A line of Dockwright's own about a node (build output, warnings). */
  system(nodeId: string, text: string): void {
    this.pump.push(nodeId, 'system', text, new Date(this.options.clock.now()).toISOString());
  }

  /**
   * Starts following a container of a node: its output and, for services, its resource use. Never
   * fails the node: a stream that cannot be opened is logged and left out.
   */
  async follow(
    nodeId: string,
    containerId: string,
    options: { tty: boolean; stats: boolean; since?: string; tail?: number },
  ): Promise<FollowedLogs> {
    if (this.closed) return NOTHING;
    const stats = options.stats && this.options.metrics !== undefined;
    if (stats) {
      this.statsTargets.set(containerId, nodeId);
      if (this.options.metrics?.statsDemand.active) void this.followStats(nodeId, containerId);
    }
    // Followed again after a restart: the engine ends a follow when its container stops, but the
    // earlier one's last lines may still be on their way (they are let in first). One that does not
    // end follows the running container already: a second would show every line twice.
    const earlier = [...this.logs].find(([, container]) => container === containerId)?.[0];
    if (earlier && !(await settled(this.options.clock, earlier.ended, EARLIER_FOLLOW_GRACE_MS)))
      return NOTHING;
    return this.followStream(
      nodeId,
      'container',
      (onLine) =>
        this.options.resources.streams.followLogs(
          containerId,
          {
            tty: options.tty,
            ...(options.since ? { since: options.since } : {}),
            ...(options.tail !== undefined ? { tail: options.tail } : {}),
          },
          onLine,
        ),
      containerId,
    );
  }

  /**
   * Follows a node's output from a stream `open` opens (a container's, or a Swarm service's) with
   * the handler it is given: lines go through the pump with back-pressure, and the stream stops
   * when the watch closes. Never fails the node: a stream that cannot be opened is logged.
   * `containerId` names the container whose output it is (a Swarm service's has none).
   */
  async followStream(
    nodeId: string,
    what: 'container' | 'service',
    open: (onLine: LogLineHandler) => Promise<LogFollow>,
    containerId?: string,
  ): Promise<FollowedLogs> {
    if (this.closed) return NOTHING;
    let follow: LogFollow;
    try {
      follow = await open((stream, text, at) => this.pump.push(nodeId, stream, text, at));
    } catch (error) {
      this.options.logger.warn({ err: error, nodeId }, `could not follow ${what} logs`);
      return NOTHING;
    }
    if (this.closed) {
      follow.stop();
      return NOTHING;
    }
    this.logs.set(follow, containerId);
    const detach = this.pump.attach(nodeId, follow);
    void follow.ended.then(() => {
      detach();
      this.logs.delete(follow);
    });
    return {
      finished: (idleMs = 5_000) =>
        new Promise<void>((resolve) => {
          let timer: NodeJS.Timeout | undefined;
          const check = () => {
            const idle = performance.now() - follow.lastDataAt;
            if (idle >= idleMs) {
              follow.stop();
              resolve();
            } else timer = setTimeout(check, idleMs - idle);
          };
          timer = setTimeout(check, idleMs);
          void follow.ended.then(() => {
            clearTimeout(timer);
            resolve();
          });
        }),
    };
  }

  private async followStats(nodeId: string, containerId: string): Promise<void> {
    const metrics = this.options.metrics;
    if (!metrics || this.closed || this.stats.has(containerId)) return;
    this.stats.set(containerId, undefined);
    const labels = { project: this.options.project, node: nodeId };
    let follow: StatsFollow;
    try {
      follow = await this.options.resources.streams.followStats(containerId, (sample) => {
        let samples = this.usage.get(nodeId);
        if (!samples) this.usage.set(nodeId, (samples = new Map<string, StatsSample>()));
        samples.set(containerId, sample);
        let cpu = 0;
        let memory = 0;
        for (const each of samples.values()) {
          cpu += each.cpuCores;
          memory += each.memoryBytes;
        }
        metrics.containerCpu.set(labels, cpu);
        metrics.containerMemory.set(labels, memory);
      });
    } catch (error) {
      // Gone (removed), or the engine with it: a run that starts it again follows it again.
      this.stats.delete(containerId);
      this.statsTargets.delete(containerId);
      this.options.logger.debug({ err: error, nodeId }, 'could not follow container stats');
      return;
    }
    this.stats.set(containerId, follow);
    // Closed, or no longer wanted, while the stream was being opened.
    if (this.closed || !metrics.statsDemand.active) follow.stop();
    await follow.ended;
    this.stats.delete(containerId);
    // Not stopped for want of a reader: the engine ended it, as it does when the container is
    // removed (a stopped or restarted container's stream goes on).
    if (!this.closed && metrics.statsDemand.active) this.statsTargets.delete(containerId);
    const samples = this.usage.get(nodeId);
    samples?.delete(containerId);
    // A node with no container read has no usage: its series goes rather than freezing.
    if (!samples || samples.size === 0) {
      this.usage.delete(nodeId);
      metrics.containerCpu.remove(labels);
      metrics.containerMemory.remove(labels);
    }
  }

  /** Calls `stop` when the watch closes (at once if it is closed); returns what forgets it. */
  onClose(stop: () => void): () => void {
    if (this.closed) {
      stop();
      return () => {};
    }
    this.stops.add(stop);
    return () => this.stops.delete(stop);
  }

  /** Sends every buffered line now. */
  drain(): void {
    this.pump.drainAll();
  }

  /** Stops every stream and sends what is buffered. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const follow of [...this.logs.keys()]) follow.stop();
    this.offDemand?.();
    this.statsTargets.clear();
    for (const follow of [...this.stats.values()]) follow?.stop();
    for (const stop of [...this.stops]) stop();
    this.stops.clear();
    this.pump.close();
  }
}
