import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { EngineState } from '../../shared/ipc/contract';
import type { Unsubscribe } from '../../shared/ipc/transport';
import type { DockerEngine } from '../docker/docker-engine';
import { demultiplex } from '../docker/docker-resources';
import { statusOf, toEngineError } from '../docker/engine-errors';
import { readJsonLines } from '../docker/json-lines';
import { LABELS } from '../docker/labels';

/** What the monitor needs to know about one container, from one inspect. */
export interface ContainerSnapshot {
  readonly id: string;
  readonly name: string;
  readonly nodeId: string;
  readonly running: boolean;
  readonly exitCode: number;
  readonly oomKilled: boolean;
  /** When the current (or last) run started, in the engine's clock (epoch ms). */
  readonly startedAtMs: number;
  /** The engine's healthcheck verdict; undefined when the container has no healthcheck. */
  readonly engineHealth?: 'starting' | 'healthy' | 'unhealthy';
  readonly restartPolicy: string;
  /** Its IP addresses on the networks it joined (the first is used for HTTP and TCP checks). */
  readonly addresses: readonly string[];
  /** Published ports: `8080/tcp` -> host port. */
  readonly published: Readonly<Record<string, number>>;
  readonly stopTimeoutSeconds: number;
  /** The engine healthcheck's command, to run it at once when a fresh verdict is needed. */
  readonly healthTest?: readonly string[];
}

export interface ContainerEventInfo {
  /** `start`, `die`, `kill`, `oom`, `destroy`, `health_status: healthy`, ... */
  readonly action: string;
  readonly id: string;
  readonly name: string;
  readonly nodeId: string;
  readonly kind: string;
  /** The engine's time of the event (epoch ms). */
  readonly timeMs: number;
  readonly attributes: Readonly<Record<string, string>>;
}

export type ExecOutcome =
  { readonly exitCode: number; readonly output: string } | { readonly timedOut: true };

/**
 * The monitor's port to the engine. Calls fail with an ApiError whose code says whether the
 * engine is away (`ENGINE_UNAVAILABLE`): the monitor counts that as "cannot tell", not a failure.
 */
export interface HealthDocker {
  readonly engineState: EngineState;
  onEngineState(listener: (state: EngineState) => void): Unsubscribe;
  /** The project's service containers, running or not. */
  listServices(project: string): Promise<ContainerSnapshot[]>;
  /** Undefined when the container is gone. */
  inspect(idOrName: string): Promise<ContainerSnapshot | undefined>;
  /** Follows the project's container events; resolves once the stream is open. */
  events(
    project: string,
    onEvent: (event: ContainerEventInfo) => void,
    onEnd: (error?: Error) => void,
  ): Promise<() => void>;
  exec(id: string, command: readonly string[], timeoutMs: number, signal: AbortSignal): Promise<ExecOutcome>;
  restart(id: string, timeoutSeconds: number): Promise<void>;
  start(id: string): Promise<void>;
  /** Replaces the container with a fresh one of the same configuration; returns the new id. */
  recreate(id: string): Promise<string>;
  kill(id: string, signal: string): Promise<void>;
  /** The containers of one node of a project (for chaos). */
  listNode(project: string, nodeId: string): Promise<Array<{ id: string; name: string; running: boolean }>>;
}

const MAX_OUTPUT = 4096;

function snapshot(info: Docker.ContainerInspectInfo): ContainerSnapshot {
  const state = info.State;
  const health = state.Health?.Status;
  const published: Record<string, number> = {};
  for (const [key, bindings] of Object.entries(info.NetworkSettings.Ports ?? {})) {
    const port = Number(bindings?.[0]?.HostPort);
    if (port > 0) published[key] = port;
  }
  const stopTimeout = (info.Config as { StopTimeout?: number }).StopTimeout;
  const test = info.Config.Healthcheck?.Test ?? [];
  const healthTest =
    test[0] === 'CMD-SHELL' ? ['sh', '-c', test.slice(1).join(' ')] : test[0] === 'CMD' ? test.slice(1) : [];
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    nodeId: info.Config.Labels?.[LABELS.node] ?? '',
    running: state.Running,
    exitCode: state.ExitCode,
    oomKilled: state.OOMKilled,
    startedAtMs: Date.parse(state.StartedAt) || 0,
    ...(health === 'starting' || health === 'healthy' || health === 'unhealthy'
      ? { engineHealth: health }
      : {}),
    restartPolicy: info.HostConfig.RestartPolicy?.Name || 'no',
    addresses: Object.values(info.NetworkSettings.Networks ?? {})
      .map((network) => network.IPAddress)
      .filter((ip) => ip !== ''),
    published,
    stopTimeoutSeconds: typeof stopTimeout === 'number' ? stopTimeout : 10,
    ...(healthTest.length > 0 ? { healthTest } : {}),
  };
}

/** The monitor's port implemented over the app's DockerEngine (dockerode). */
export class EngineHealthDocker implements HealthDocker {
  constructor(private readonly engine: DockerEngine) {}

  private get api(): Docker {
    return this.engine.client;
  }

  /** Stops and restarts can take the container's whole stop timeout: no request timeout there. */
  private get slow(): Docker {
    return this.engine.streamClient;
  }

  private fail(error: unknown): never {
    throw toEngineError(error, this.engine.host.display);
  }

  get engineState(): EngineState {
    return this.engine.status.state;
  }

  onEngineState(listener: (state: EngineState) => void): Unsubscribe {
    return this.engine.onStatus((status) => listener(status.state));
  }

  async listServices(project: string): Promise<ContainerSnapshot[]> {
    try {
      const list = await this.api.listContainers({
        all: true,
        filters: { label: [`${LABELS.project}=${project}`, `${LABELS.kind}=service`] },
      });
      const found = await Promise.all(list.map((c) => this.inspect(c.Id)));
      return found.filter((c) => c !== undefined);
    } catch (error) {
      this.fail(error);
    }
  }

  async inspect(idOrName: string): Promise<ContainerSnapshot | undefined> {
    try {
      return snapshot(await this.api.getContainer(idOrName).inspect());
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      this.fail(error);
    }
  }

  async events(
    project: string,
    onEvent: (event: ContainerEventInfo) => void,
    onEnd: (error?: Error) => void,
  ): Promise<() => void> {
    let stream: Readable;
    try {
      stream = (await this.engine.streamClient.getEvents({
        filters: { type: ['container'], label: [`${LABELS.project}=${project}`] },
      })) as Readable;
    } catch (error) {
      this.fail(error);
    }
    return readJsonLines<RawEvent>(stream, (raw) => onEvent(toEventInfo(raw)), onEnd);
  }

  async exec(
    id: string,
    command: readonly string[],
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<ExecOutcome> {
    let exec: Docker.Exec;
    let stream: NodeJS.ReadWriteStream & { destroy(): void };
    try {
      exec = await this.api
        .getContainer(id)
        .exec({ Cmd: [...command], AttachStdout: true, AttachStderr: true });
      stream = (await exec.start({ hijack: true, stdin: false })) as typeof stream;
    } catch (error) {
      this.fail(error);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const finished = await new Promise<boolean>((resolve) => {
      const stop = (done: boolean) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (!done) stream.destroy();
        resolve(done);
      };
      const onAbort = () => stop(false);
      const timer = setTimeout(() => stop(false), timeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
      stream.on('data', (chunk: Buffer) => {
        if (size < MAX_OUTPUT) chunks.push(chunk);
        size += chunk.length;
      });
      stream
        .on('end', () => stop(true))
        .on('close', () => stop(true))
        .on('error', () => stop(true));
    });
    if (!finished) return { timedOut: true };
    try {
      const exitCode = (await exec.inspect()).ExitCode ?? -1;
      const output = demultiplex(Buffer.concat(chunks))
        .map((frame) => frame.text)
        .join('')
        .trim()
        .slice(0, 500);
      return { exitCode, output };
    } catch (error) {
      this.fail(error);
    }
  }

  async restart(id: string, timeoutSeconds: number): Promise<void> {
    try {
      await this.slow.getContainer(id).restart({ t: timeoutSeconds });
    } catch (error) {
      this.fail(error);
    }
  }

  async start(id: string): Promise<void> {
    try {
      await this.api.getContainer(id).start();
    } catch (error) {
      if (statusOf(error) === 304) return;
      this.fail(error);
    }
  }

  async recreate(id: string): Promise<string> {
    try {
      const info = await this.api.getContainer(id).inspect();
      const name = info.Name.replace(/^\//, '');
      const stopTimeout = (info.Config as { StopTimeout?: number }).StopTimeout ?? 10;
      const networks = Object.entries(info.NetworkSettings.Networks ?? {}).map(([network, endpoint]) => ({
        network,
        // The engine adds the short container id as an alias; the new container gets its own.
        aliases: ((endpoint.Aliases as string[] | null) ?? []).filter((alias) => !info.Id.startsWith(alias)),
      }));
      const primaryName = info.HostConfig.NetworkMode;
      const primary = networks.find((n) => n.network === primaryName);
      await this.slow
        .getContainer(id)
        .stop({ t: stopTimeout })
        .catch((error: unknown) => {
          if (statusOf(error) !== 304) throw error;
        });
      await this.api.getContainer(id).remove({ force: true, v: false });
      const created = await this.api.createContainer({
        ...info.Config,
        name,
        HostConfig: info.HostConfig,
        ...(primary
          ? { NetworkingConfig: { EndpointsConfig: { [primary.network]: { Aliases: primary.aliases } } } }
          : {}),
      });
      for (const extra of networks) {
        if (extra === primary) continue;
        await this.api
          .getNetwork(extra.network)
          .connect({ Container: created.id, EndpointConfig: { Aliases: extra.aliases } });
      }
      await created.start();
      return created.id;
    } catch (error) {
      this.fail(error);
    }
  }

  async kill(id: string, signal: string): Promise<void> {
    try {
      await this.api.getContainer(id).kill({ signal });
    } catch (error) {
      // 409: it is not running (any more).
      if (statusOf(error) === 409) return;
      this.fail(error);
    }
  }

  async listNode(
    project: string,
    nodeId: string,
  ): Promise<Array<{ id: string; name: string; running: boolean }>> {
    try {
      const list = await this.api.listContainers({
        all: true,
        filters: { label: [`${LABELS.project}=${project}`, `${LABELS.node}=${nodeId}`] },
      });
      return list.map((c) => ({
        id: c.Id,
        name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
        running: c.State === 'running',
      }));
    } catch (error) {
      this.fail(error);
    }
  }
}

interface RawEvent {
  Action?: string;
  status?: string;
  id?: string;
  time?: number;
  timeNano?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

function toEventInfo(raw: RawEvent): ContainerEventInfo {
  const attributes = raw.Actor?.Attributes ?? {};
  return {
    action: raw.Action ?? raw.status ?? '',
    id: raw.Actor?.ID ?? raw.id ?? '',
    name: attributes['name'] ?? '',
    nodeId: attributes[LABELS.node] ?? '',
    kind: attributes[LABELS.kind] ?? '',
    timeMs: raw.timeNano !== undefined ? raw.timeNano / 1e6 : (raw.time ?? 0) * 1000,
    attributes,
  };
}
