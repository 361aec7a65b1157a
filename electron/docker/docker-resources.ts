import type Docker from 'dockerode';
import { ApiError } from '../../shared/ipc/errors';
import { configHash } from './config-hash';
import { demultiplex } from './container-logs';
import { ContainerStreams } from './container-streams';
import { ContainerWaits } from './container-waits';
import { DockerImages } from './docker-images';
import type { DockerEngine } from './docker-engine';
import { statusOf, toEngineError } from './engine-errors';
import { LABELS, projectFilter } from './labels';

export type { ExitResult } from './container-waits';
export { demultiplex } from './container-logs';

export type EnsureAction = 'created' | 'reused' | 'recreated';

export interface Ensured {
  id: string;
  name: string;
  action: EnsureAction;
  /** Something the user should know, e.g. a volume whose settings changed but was kept. */
  warning?: string;
}

export interface ProjectResource {
  id: string;
  name: string;
  node: string;
  run: string;
  wave: number;
  state?: string;
}

export interface ProjectContainer extends ProjectResource {
  status: string;
  kind: string;
}

export interface ProjectResources {
  containers: ProjectContainer[];
  networks: ProjectResource[];
  volumes: ProjectResource[];
}

export interface CleanupReport {
  containers: number;
  networks: number;
  volumes: number;
  errors: string[];
}

const withHash = (labels: Record<string, string>, config: unknown): Record<string, string> => {
  // The run id changes every run; it must not make an unchanged resource look changed.
  const { [LABELS.run]: _run, ...stable } = labels;
  return { ...labels, [LABELS.configHash]: configHash({ config, labels: stable }) };
};

function toResource(
  labels: Record<string, string> | undefined,
  id: string,
  name: string,
  state?: string,
): ProjectResource {
  return {
    id,
    name,
    node: labels?.[LABELS.node] ?? '',
    run: labels?.[LABELS.run] ?? '',
    wave: Number(labels?.[LABELS.wave] ?? 0) || 0,
    ...(state ? { state } : {}),
  };
}

/**
 * Convergent operations on labeled Docker resources: ensure-by-name with a config hash (reuse,
 * create or recreate), start, wait for health or exit, and cleanup of a project by label.
 */
export class DockerResources {
  readonly images: DockerImages;
  readonly waits: ContainerWaits;
  /** Followed logs and stats of running containers. */
  readonly streams: ContainerStreams;

  constructor(private readonly engine: DockerEngine) {
    this.images = new DockerImages(engine);
    this.waits = new ContainerWaits(engine);
    this.streams = new ContainerStreams(engine);
  }

  private get docker(): Docker {
    return this.engine.client;
  }

  private fail(error: unknown): never {
    throw toEngineError(error, this.engine.host.display);
  }

  async ensureNetwork(
    name: string,
    options: Omit<Docker.NetworkCreateOptions, 'Name' | 'Labels'>,
    labels: Record<string, string>,
  ): Promise<Ensured> {
    const desired = withHash(labels, options);
    try {
      const existing = (await this.docker.getNetwork(name).inspect()) as {
        Id: string;
        Labels?: Record<string, string>;
      };
      if (existing.Labels?.[LABELS.configHash] === desired[LABELS.configHash]) {
        return { id: existing.Id, name, action: 'reused' };
      }
      await this.docker.getNetwork(existing.Id).remove();
      const created = await this.docker.createNetwork({
        ...options,
        Name: name,
        Labels: desired,
        CheckDuplicate: true,
      });
      return { id: created.id, name, action: 'recreated' };
    } catch (error) {
      if (statusOf(error) !== 404) this.fail(error);
    }
    try {
      const created = await this.docker.createNetwork({
        ...options,
        Name: name,
        Labels: desired,
        CheckDuplicate: true,
      });
      return { id: created.id, name, action: 'created' };
    } catch (error) {
      if (statusOf(error) === 409) return this.ensureNetwork(name, options, labels);
      this.fail(error);
    }
  }

  async ensureVolume(
    name: string,
    options: Omit<Docker.VolumeCreateOptions, 'Name' | 'Labels'>,
    labels: Record<string, string>,
  ): Promise<Ensured> {
    const desired = withHash(labels, options);
    try {
      const existing = (await this.docker.getVolume(name).inspect()) as {
        Name: string;
        Labels?: Record<string, string>;
      };
      // A volume holds data: a changed definition is reported, never applied by deleting it.
      const changed = existing.Labels?.[LABELS.configHash] !== desired[LABELS.configHash];
      return {
        id: existing.Name,
        name,
        action: 'reused',
        ...(changed
          ? { warning: `volume ${name} exists with other settings; kept as is (remove it to apply them)` }
          : {}),
      };
    } catch (error) {
      if (statusOf(error) !== 404) this.fail(error);
    }
    try {
      const created = (await this.docker.createVolume({
        ...options,
        Name: name,
        Labels: desired,
      })) as unknown as { Name: string };
      return { id: created.Name, name, action: 'created' };
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Creates the container, reuses an identical one, or replaces one whose config changed.
   *
   * `runtimeEnv` is added to the environment of a container created now but left out of the
   * config hash: it holds what changes every run (TRACEPARENT, OTEL_RESOURCE_ATTRIBUTES with the run
   * id). Hashing it would make every run recreate every container, breaking "run twice, nothing
   * restarts"; a reused container keeps the values of the run that created it. A variable the node
   * sets itself wins over the runtime one.
   */
  async ensureContainer(
    name: string,
    options: Omit<Docker.ContainerCreateOptions, 'name' | 'Labels'>,
    labels: Record<string, string>,
    stopTimeoutSeconds = 10,
    runtimeEnv: Readonly<Record<string, string>> = {},
  ): Promise<Ensured> {
    const desired = withHash(labels, options);
    const own = new Set((options.Env ?? []).map((entry) => entry.split('=', 1)[0]));
    const extra = Object.entries(runtimeEnv)
      .filter(([key]) => !own.has(key))
      .map(([key, value]) => `${key}=${value}`);
    const env = extra.length > 0 ? [...(options.Env ?? []), ...extra] : options.Env;
    let action: EnsureAction = 'created';
    try {
      const existing = await this.docker.getContainer(name).inspect();
      if (existing.Config.Labels?.[LABELS.configHash] === desired[LABELS.configHash]) {
        return { id: existing.Id, name, action: 'reused' };
      }
      await this.stopAndRemove(existing.Id, stopTimeoutSeconds);
      action = 'recreated';
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (statusOf(error) !== 404) this.fail(error);
    }
    try {
      const created = await this.docker.createContainer({
        ...options,
        ...(env ? { Env: env } : {}),
        name,
        Labels: desired,
      });
      return { id: created.id, name, action };
    } catch (error) {
      if (statusOf(error) === 409)
        return this.ensureContainer(name, options, labels, stopTimeoutSeconds, runtimeEnv);
      this.fail(error);
    }
  }

  /** Joins another network (API 1.41 takes only one at create time). */
  async connect(id: string, network: string, aliases: string[]): Promise<void> {
    try {
      await this.docker.getNetwork(network).connect({ Container: id, EndpointConfig: { Aliases: aliases } });
    } catch (error) {
      this.fail(error);
    }
  }

  /** How a container last ended, if it ran at all. */
  async exitState(
    id: string,
  ): Promise<{ running: boolean; finished: boolean; exitCode: number; finishedAt?: string } | undefined> {
    try {
      const state = (await this.docker.getContainer(id).inspect()).State;
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

  /** Reads a stopped container's output, split into stdout and stderr lines. */
  async forwardLogs(id: string, onLine: (stream: 'stdout' | 'stderr', text: string) => void): Promise<void> {
    let raw: Buffer;
    try {
      raw = await this.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false });
    } catch (error) {
      this.fail(error);
    }
    for (const frame of demultiplex(raw)) {
      for (const line of frame.text.split('\n')) if (line !== '') onLine(frame.stream, line);
    }
  }

  async isRunning(id: string): Promise<boolean> {
    try {
      return (await this.docker.getContainer(id).inspect()).State.Running;
    } catch (error) {
      this.fail(error);
    }
  }

  /** Starts a container; one that already runs is left alone. True when this call started it. */
  async start(id: string): Promise<boolean> {
    try {
      await this.docker.getContainer(id).start();
      return true;
    } catch (error) {
      if (statusOf(error) === 304) return false;
      this.fail(error);
    }
  }

  async stopAndRemove(id: string, stopTimeoutSeconds = 10): Promise<void> {
    const container = this.docker.getContainer(id);
    try {
      await container.stop({ t: stopTimeoutSeconds });
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return;
      if (status !== 304) this.fail(error);
    }
    try {
      await container.remove({ force: true, v: false });
    } catch (error) {
      const status = statusOf(error);
      // 409: removal already in progress (a concurrent cleanup); 404: already gone.
      if (status !== 404 && status !== 409) this.fail(error);
    }
  }

  async listProject(project: string): Promise<ProjectResources> {
    try {
      const [containers, networks, volumes] = await Promise.all([
        this.docker.listContainers({ all: true, filters: projectFilter(project) }),
        this.docker.listNetworks({ filters: projectFilter(project) }),
        this.docker.listVolumes({ filters: projectFilter(project) }),
      ]);
      return {
        containers: containers.map((c) => ({
          ...toResource(c.Labels, c.Id, (c.Names[0] ?? c.Id).replace(/^\//, ''), c.State),
          // "Exited (3) 2 minutes ago", "Up 5 seconds (healthy)": the exit code and health, cheaply.
          status: c.Status,
          kind: c.Labels?.[LABELS.kind] ?? '',
        })),
        networks: networks.map((n) => toResource(n.Labels, n.Id, n.Name)),
        volumes: (volumes.Volumes ?? []).map((v) => toResource(v.Labels ?? undefined, v.Name, v.Name)),
      };
    } catch (error) {
      this.fail(error);
    }
  }

  /** Projects that have labeled resources on this engine (for crash recovery). */
  async listProjects(): Promise<string[]> {
    try {
      const filters = { label: [LABELS.project] };
      const [containers, networks, volumes] = await Promise.all([
        this.docker.listContainers({ all: true, filters }),
        this.docker.listNetworks({ filters }),
        this.docker.listVolumes({ filters }),
      ]);
      const names = new Set<string>();
      for (const labels of [
        ...containers.map((c) => c.Labels),
        ...networks.map((n) => n.Labels),
        ...(volumes.Volumes ?? []).map((v) => v.Labels),
      ]) {
        const project = labels?.[LABELS.project];
        if (project) names.add(project);
      }
      return [...names].sort();
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Removes every resource labeled with the project: containers wave by wave in reverse plan
   * order (in parallel within a wave), then networks, then volumes. Works from labels alone, so
   * it cleans up after a crashed session just as well.
   */
  async cleanupProject(
    project: string,
    stopTimeoutSeconds = 10,
    onRemoved: (what: string, error?: string) => void = () => {},
  ): Promise<CleanupReport> {
    const report: CleanupReport = { containers: 0, networks: 0, volumes: 0, errors: [] };
    const resources = await this.listProject(project);
    const waves = [...new Set(resources.containers.map((c) => c.wave))].sort((a, b) => b - a);
    const attempt = async (what: string, run: () => Promise<unknown>) => {
      try {
        await run();
        onRemoved(what);
        return true;
      } catch (error) {
        report.errors.push(`${what}: ${(error as Error).message}`);
        onRemoved(what, (error as Error).message);
        return false;
      }
    };
    for (const wave of waves) {
      const inWave = resources.containers.filter((c) => c.wave === wave);
      const results = await Promise.all(
        inWave.map((c) => attempt(`container ${c.name}`, () => this.stopAndRemove(c.id, stopTimeoutSeconds))),
      );
      report.containers += results.filter(Boolean).length;
    }
    // Already gone (a concurrent cleanup) counts as removed.
    const removeIgnoringMissing = async (remove: () => Promise<unknown>) => {
      try {
        await remove();
      } catch (error) {
        if (statusOf(error) !== 404) throw toEngineError(error, this.engine.host.display);
      }
    };
    const networkResults = await Promise.all(
      resources.networks.map((n) =>
        attempt(`network ${n.name}`, () =>
          removeIgnoringMissing(() => this.docker.getNetwork(n.id).remove()),
        ),
      ),
    );
    report.networks = networkResults.filter(Boolean).length;
    const volumeResults = await Promise.all(
      resources.volumes.map((v) =>
        attempt(`volume ${v.name}`, () =>
          removeIgnoringMissing(() => this.docker.getVolume(v.name).remove()),
        ),
      ),
    );
    report.volumes = volumeResults.filter(Boolean).length;
    return report;
  }
}
