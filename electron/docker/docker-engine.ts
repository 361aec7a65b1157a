import type { Readable } from 'node:stream';
import { ExponentialBackoff, type IBackoff } from 'cockatiel';
import type { EngineInfo, EngineStatus, ImageSummary } from '../../shared/ipc/contract';
import type { Unsubscribe } from '../../shared/ipc/transport';
import type { ErrorData } from '../../shared/ipc/errors';
import { systemClock, type Clock, type Timer } from '../common/clock';
import type { Logger } from '../common/logger';
import type { DockerClient } from './docker-client';
import type { DockerHost } from './docker-host';
import { resolveEngine } from './engine-address';
import { createDockerodeClient } from './dockerode-client';
import { toEngineError } from './engine-errors';

export interface DockerEngineOptions {
  /**
   * Engine address (`-H`); else `context`, DOCKER_HOST, DOCKER_CONTEXT, the docker CLI's current
   * context, the platform's socket (`resolveEngine`).
   */
  host?: string;
  /** A docker context by name (`--context`); `host` wins over it. */
  context?: string;
  env?: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  clock?: Clock;
  /** Per-request timeout for API calls (not for streams). */
  requestTimeoutMs?: number;
  /** How often a connected engine is pinged, to notice a remote engine that went silent. */
  pingIntervalMs?: number;
  /** Reconnect backoff bounds. */
  backoff?: { initialDelayMs: number; maxDelayMs: number };
  /**
   * Wraps the client, e.g. to measure every call (electron/telemetry's observeDockerCalls): whoever
   * uses `engine.client` goes through the wrapper.
   */
  decorate?: (client: DockerClient) => DockerClient;
  /** The client to use instead of one over dockerode for `host` (tests). */
  client?: DockerClient;
  /** Makes the client for an address given to `setHost` (tests); dockerode by default. */
  clientFor?: (host: DockerHost) => DockerClient;
}

/**
 * A client that forwards every call to the one it holds now, so `setHost` can point the app at
 * another engine while everything built on `engine.client` keeps its reference.
 */
function switchableClient(initial: DockerClient): { client: DockerClient; swap(next: DockerClient): void } {
  let current = initial;
  const client = new Proxy({} as DockerClient, {
    get(_target, property) {
      const value: unknown = Reflect.get(current, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
  return {
    client,
    swap(next) {
      current = next;
    },
  };
}

/**
 * One Docker engine: its client (the DockerClient port) and a live connection status (an event
 * stream notices a daemon that stops at once; a ping notices one that went silent), reconnecting
 * with exponential backoff and jitter.
 */
export class DockerEngine {
  private currentHost: DockerHost;
  /** Every call to this engine goes through this client (also after `setHost`). */
  readonly client: DockerClient;
  private readonly switchable: { swap(next: DockerClient): void };
  private readonly makeClient: (host: DockerHost) => DockerClient;
  private logger: Logger;
  private readonly baseLogger: Logger;
  private readonly clock: Clock;
  private readonly pingIntervalMs: number;
  private readonly backoffFactory: ExponentialBackoff<unknown>;
  private backoff: IBackoff<unknown> | undefined;
  private current: EngineStatus;
  private readonly listeners = new Set<(status: EngineStatus) => void>();
  private timer: Timer | undefined;
  private eventStream: Readable | undefined;
  private running = false;

  constructor(options: DockerEngineOptions) {
    this.currentHost = resolveEngine({ host: options.host, context: options.context }, options.env);
    this.baseLogger = options.logger;
    this.logger = options.logger.child({ component: 'docker-engine', host: this.currentHost.display });
    this.clock = options.clock ?? systemClock;
    const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.makeClient =
      options.clientFor ?? ((host) => createDockerodeClient(host.options, { requestTimeoutMs }));
    const switchable = switchableClient(options.client ?? this.makeClient(this.currentHost));
    this.switchable = switchable;
    this.client = options.decorate ? options.decorate(switchable.client) : switchable.client;
    this.pingIntervalMs = options.pingIntervalMs ?? 5_000;
    this.backoffFactory = new ExponentialBackoff({
      initialDelay: options.backoff?.initialDelayMs ?? 250,
      maxDelay: options.backoff?.maxDelayMs ?? 10_000,
    });
    this.current = {
      state: 'connecting',
      host: this.host.display,
      since: new Date(this.clock.now()).toISOString(),
    };
  }

  get status(): EngineStatus {
    return this.current;
  }

  /** Where the engine is, now (`setHost` changes it). */
  get host(): DockerHost {
    return this.currentHost;
  }

  /**
   * Points the app at another engine (an address, or undefined for the default order: DOCKER_HOST,
   * DOCKER_CONTEXT, the current docker context, the socket), without a restart: the client
   * switches, the status goes back to connecting and the new engine is probed at once. Throws
   * INVALID_INPUT for an address it cannot read, NOT_FOUND for a docker context that is not there.
   */
  setHost(address: string | undefined, env?: Readonly<Record<string, string | undefined>>): void {
    const next = resolveEngine({ host: address }, env);
    const client = this.makeClient(next);
    this.currentHost = next;
    this.switchable.swap(client);
    this.logger = this.baseLogger.child({ component: 'docker-engine', host: next.display });
    this.closeEventStream();
    this.backoff = undefined;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.current = {
      state: 'connecting',
      host: next.display,
      since: new Date(this.clock.now()).toISOString(),
    };
    this.logger.info({ host: next.display }, 'engine address changed');
    for (const listener of [...this.listeners]) listener(this.current);
    if (this.running) void this.probe();
  }

  onStatus(listener: (status: EngineStatus) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts watching the connection. Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.probe();
  }

  /** Stops every timer and stream; the engine object can be dropped afterwards. */
  dispose(): void {
    this.running = false;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.closeEventStream();
    this.listeners.clear();
  }

  async info(): Promise<EngineInfo> {
    try {
      const [info, version] = await Promise.all([this.client.info(), this.client.version()]);
      return {
        reachable: true,
        host: this.host.display,
        name: String(info.Name ?? ''),
        version: version.Version,
        apiVersion: version.ApiVersion,
        os: String(info.OperatingSystem ?? version.Os),
        osType: String(info.OSType ?? version.Os),
        arch: String(info.Architecture ?? version.Arch),
        kernelVersion: String(info.KernelVersion ?? version.KernelVersion ?? ''),
        containers: Number(info.Containers ?? 0),
        containersRunning: Number(info.ContainersRunning ?? 0),
        images: Number(info.Images ?? 0),
      };
    } catch (error) {
      return { reachable: false, host: this.host.display, error: this.unanswered(error) };
    }
  }

  /**
   * Whether the engine answers, by its cheapest call (`_ping`): what a CLI command checks before
   * it starts (`info` makes the engine count its containers and images, 50 ms here).
   */
  async reachable(): Promise<{ reachable: true } | { reachable: false; error: ErrorData }> {
    try {
      await this.client.ping();
      return { reachable: true };
    } catch (error) {
      return { reachable: false, error: this.unanswered(error) };
    }
  }

  /** What a failed call says of the engine, as data; the status goes to disconnected. */
  private unanswered(error: unknown): ErrorData {
    const apiError = toEngineError(error, this.host.display);
    this.markDisconnected(apiError.message);
    return apiError.toData();
  }

  /**
   * What the engine can do, for fields that depend on it: from the live status when connected,
   * else asked now (a CLI run starts before the first probe has answered): its API version, and
   * its runtimes only when `runtimes` is asked for (they come from `info`, the slow call).
   * Undefined when the engine does not answer (the run then fails on its first call, saying so).
   */
  async capabilities(
    wanted: { runtimes?: boolean } = { runtimes: true },
  ): Promise<{ apiVersion: string; runtimes?: string[] } | undefined> {
    const status = this.current;
    if (status.state === 'connected' && status.apiVersion)
      return { apiVersion: status.apiVersion, ...(status.runtimes ? { runtimes: status.runtimes } : {}) };
    try {
      const [version, info] = await Promise.all([
        this.client.version(),
        wanted.runtimes ? this.client.info() : undefined,
      ]);
      return {
        apiVersion: version.ApiVersion,
        ...(info?.Runtimes ? { runtimes: Object.keys(info.Runtimes).sort() } : {}),
      };
    } catch {
      return undefined;
    }
  }

  async images(): Promise<ImageSummary[]> {
    try {
      const images = await this.client.listImages();
      return images
        .map((image) => ({
          id: image.Id,
          tags: (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
          sizeBytes: image.Size,
          createdAt: new Date(image.Created * 1000).toISOString(),
        }))
        .sort(
          (a, b) => (a.tags[0] ?? '\uffff').localeCompare(b.tags[0] ?? '\uffff') || a.id.localeCompare(b.id),
        );
    } catch (error) {
      const apiError = toEngineError(error, this.host.display);
      if (apiError.code === 'ENGINE_UNAVAILABLE') this.markDisconnected(apiError.message);
      throw apiError;
    }
  }

  private setStatus(next: Omit<EngineStatus, 'since' | 'host'>): void {
    const changed =
      next.state !== this.current.state ||
      next.version !== this.current.version ||
      next.swarmManager !== this.current.swarmManager ||
      (next.state !== 'connected' && next.reason !== this.current.reason);
    if (!changed) return;
    this.current = { ...next, host: this.host.display, since: new Date(this.clock.now()).toISOString() };
    this.logger.info({ state: next.state, reason: next.reason, version: next.version }, 'engine status');
    for (const listener of [...this.listeners]) listener(this.current);
  }

  private markDisconnected(reason: string): void {
    const wasConnected = this.current.state === 'connected';
    this.setStatus({ state: 'disconnected', reason });
    if (wasConnected && this.running) {
      this.closeEventStream();
      this.schedule(this.nextBackoffDelay());
    }
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.probe();
    }, delayMs);
    this.timer.unref?.();
  }

  private nextBackoffDelay(): number {
    this.backoff = (this.backoff ?? this.backoffFactory).next(undefined);
    return this.backoff.duration;
  }

  private async probe(): Promise<void> {
    if (!this.running) return;
    // An answer from the engine used before setHost must not speak for the new one.
    const host = this.currentHost;
    const stale = () => !this.running || host !== this.currentHost;
    try {
      await this.client.ping();
      const [version, info] = await Promise.all([this.client.version(), this.client.info()]);
      if (stale()) return;
      this.backoff = undefined;
      this.setStatus({
        state: 'connected',
        version: version.Version,
        apiVersion: version.ApiVersion,
        ...(info.Runtimes ? { runtimes: Object.keys(info.Runtimes).sort() } : {}),
        swarmManager: info.Swarm?.LocalNodeState === 'active' && info.Swarm.ControlAvailable === true,
      });
      if (!this.eventStream) await this.openEventStream();
      if (stale()) return;
      this.schedule(this.pingIntervalMs);
    } catch (error) {
      if (stale()) return;
      this.closeEventStream();
      this.setStatus({ state: 'disconnected', reason: toEngineError(error, this.host.display).message });
      this.schedule(this.nextBackoffDelay());
    }
  }

  private async openEventStream(): Promise<void> {
    const host = this.currentHost;
    const stream: Readable = await this.client.events();
    if (!this.running || host !== this.currentHost) {
      stream.destroy();
      return;
    }
    this.eventStream = stream;
    // The daemon closes this stream when it stops: the quickest sign that it went away.
    const lost = () => {
      if (this.eventStream !== stream) return;
      this.eventStream = undefined;
      if (!this.running) return;
      void this.probe();
    };
    stream.on('error', lost);
    stream.on('close', lost);
    stream.on('end', lost);
    stream.resume();
  }

  private closeEventStream(): void {
    const stream = this.eventStream;
    this.eventStream = undefined;
    stream?.destroy();
  }
}
