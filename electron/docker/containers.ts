import { demultiplex } from './container-logs';
import type { DockerClient, EndpointSettings } from './docker-client';
import { statusOf, toEngineError } from './engine-errors';
import { firstFileOf, isRegularFile, type ReadFile } from './container-file-read';
import { LABELS, projectFilter } from './labels';

export interface ExitState {
  running: boolean;
  finished: boolean;
  exitCode: number;
  finishedAt?: string;
}

/** One container's lifecycle: start, stop and remove, how it ended, its output, its networks. */
export class Containers {
  constructor(
    private readonly docker: DockerClient,
    private readonly host: string,
  ) {}

  private fail(error: unknown): never {
    throw toEngineError(error, this.host);
  }

  /** Joins another network (API 1.41 takes only one at create time). */
  async connect(id: string, network: string, endpoint: EndpointSettings): Promise<void> {
    try {
      await this.docker.connectNetwork(network, id, endpoint);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Unpacks a tar archive at the container's root (before it starts: secrets and configs). */
  async copyIn(id: string, archive: Buffer, keepOwnership: boolean): Promise<void> {
    try {
      await this.docker.putArchive(id, '/', archive, { copyOwnership: keepOwnership });
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Reads one file out of a container, running or stopped (its bytes only when at most
   * `maxBytes`); undefined when the container or the file is not there.
   */
  async readFile(id: string, path: string, maxBytes: number): Promise<ReadFile | undefined> {
    try {
      return await firstFileOf(await this.docker.getArchive(id, path), maxBytes);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      this.fail(error);
    }
  }

  /**
   * A file's size without reading it (the engine's stat of the path, no archive made): `missing`
   * when the container or the path is not there, undefined when the engine answers but cannot say
   * (an engine without the stat, a header that is not one: the caller reads the file instead),
   * else its size and whether it is a plain file. An engine that does not answer fails the call.
   */
  async statFile(
    id: string,
    path: string,
  ): Promise<{ size: number; regular: boolean } | 'missing' | undefined> {
    try {
      const stat = await this.docker.statPath(id, path);
      return stat ? { size: stat.size, regular: isRegularFile(stat) } : undefined;
    } catch (error) {
      if (statusOf(error) === 404) return 'missing';
      const engineError = toEngineError(error, this.host);
      if (engineError.code === 'ENGINE_UNAVAILABLE') throw engineError;
      return undefined;
    }
  }

  /** Stops a running container (within its stop timeout); one already stopped is left alone. */
  async stop(id: string, stopTimeoutSeconds: number): Promise<void> {
    try {
      await this.docker.stopContainer(id, stopTimeoutSeconds);
    } catch (error) {
      if (statusOf(error) !== 304) this.fail(error);
    }
  }

  /** How a container last ended, if it ran at all; undefined when it is gone. */
  async exitState(id: string): Promise<ExitState | undefined> {
    try {
      const state = (await this.docker.inspectContainer(id)).State;
      const finished = !state.FinishedAt.startsWith('0001-');
      return {
        running: state.Running,
        finished,
        exitCode: state.ExitCode,
        ...(finished ? { finishedAt: state.FinishedAt } : {}),
      };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      this.fail(error);
    }
  }

  /**
   * A node's running containers (listed as such), whether each has a TTY, and from when its output
   * is this run's: when it last stopped (nothing is printed between then and its start, and a line
   * printed as it starts may carry a time just before its recorded start), else when it started.
   */
  async runningOfNode(
    project: string,
    nodeId: string,
  ): Promise<Array<{ id: string; since: string; tty: boolean }>> {
    let ids: string[];
    try {
      const label = [...projectFilter(project).label, `${LABELS.node}=${nodeId}`];
      ids = (await this.docker.listContainers({ filters: { label } })).map((container) => container.Id);
    } catch (error) {
      this.fail(error);
    }
    const running = await Promise.all(
      ids.map(async (id) => {
        try {
          const { State, Config } = await this.docker.inspectContainer(id);
          if (!State.Running) return [];
          const stopped = !State.FinishedAt.startsWith('0001-');
          return [{ id, since: stopped ? State.FinishedAt : State.StartedAt, tty: Config.Tty === true }];
        } catch (error) {
          // Gone since it was listed.
          if (statusOf(error) === 404) return [];
          this.fail(error);
        }
      }),
    );
    return running.flat();
  }

  /** Reads a stopped container's output, split into stdout and stderr lines. */
  async forwardLogs(id: string, onLine: (stream: 'stdout' | 'stderr', text: string) => void): Promise<void> {
    let raw: Buffer;
    try {
      raw = await this.docker.containerLogs(id, { stdout: true, stderr: true });
    } catch (error) {
      this.fail(error);
    }
    for (const frame of demultiplex(raw)) {
      for (const line of frame.text.split('\n')) if (line !== '') onLine(frame.stream, line);
    }
  }

  async isRunning(id: string): Promise<boolean> {
    try {
      return (await this.docker.inspectContainer(id)).State.Running;
    } catch (error) {
      this.fail(error);
    }
  }

  /** Starts a container; one that already runs is left alone. True when this call started it. */
  async start(id: string): Promise<boolean> {
    try {
      await this.docker.startContainer(id);
      return true;
    } catch (error) {
      if (statusOf(error) === 304) return false;
      this.fail(error);
    }
  }

  async stopAndRemove(id: string, stopTimeoutSeconds = 10): Promise<void> {
    try {
      await this.docker.stopContainer(id, stopTimeoutSeconds);
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return;
      if (status !== 304) this.fail(error);
    }
    try {
      await this.docker.removeContainer(id, { force: true, volumes: false });
    } catch (error) {
      const status = statusOf(error);
      // 409: removal already in progress (a concurrent cleanup); 404: already gone.
      if (status !== 404 && status !== 409) this.fail(error);
    }
  }

  /**
   * Replaces a container with a fresh one of the same configuration (same name, networks and
   * aliases) and starts it; returns the new id.
   */
  async recreate(id: string): Promise<string> {
    try {
      const info = await this.docker.inspectContainer(id);
      const name = info.Name.replace(/^\//, '');
      const networks = Object.entries(info.NetworkSettings.Networks ?? {}).map(([network, endpoint]) => ({
        network,
        // The engine adds the short container id as an alias; the new container gets its own.
        aliases: (endpoint.Aliases ?? []).filter((alias) => !info.Id.startsWith(alias)),
      }));
      const primary = networks.find((n) => n.network === info.HostConfig.NetworkMode);
      await this.docker.stopContainer(id, info.Config.StopTimeout ?? 10).catch((error: unknown) => {
        if (statusOf(error) !== 304) throw error;
      });
      await this.docker.removeContainer(id, { force: true, volumes: false });
      const created = await this.docker.createContainer(name, {
        ...info.Config,
        HostConfig: info.HostConfig,
        ...(primary
          ? { NetworkingConfig: { EndpointsConfig: { [primary.network]: { Aliases: primary.aliases } } } }
          : {}),
      });
      for (const extra of networks) {
        if (extra !== primary)
          await this.docker.connectNetwork(extra.network, created.id, { Aliases: extra.aliases });
      }
      await this.docker.startContainer(created.id);
      return created.id;
    } catch (error) {
      this.fail(error);
    }
  }
}
