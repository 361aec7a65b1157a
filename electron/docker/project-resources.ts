import type { Containers } from './containers';
import type { DockerClient } from './docker-client';
import { statusOf, toEngineError } from './engine-errors';
import { isSwarmResource, LABELS, projectFilter } from './labels';

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

/** What carries a project's label on the engine. */
export interface ProjectInventory {
  containers: ProjectContainer[];
  networks: ProjectResource[];
  volumes: ProjectResource[];
}

export interface CleanupReport {
  containers: number;
  networks: number;
  volumes: number;
  /** Named volumes left in place because removing them was not asked for. */
  volumesKept: string[];
  errors: string[];
}

export interface CleanupOptions {
  stopTimeoutSeconds?: number;
  /** Remove the project's named volumes too (`down --volumes`); by default they keep their data. */
  volumes?: boolean;
  onRemoved?: (what: string, error?: string) => void;
}

export interface LabeledVolume {
  name: string;
  node: string;
  /** Bytes in use, when the engine can tell. */
  sizeBytes?: number;
}

function toResource(
  labels: Record<string, string> | null | undefined,
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
 * A project's resources found by label, not by memory: listing them, the projects an engine
 * holds, and cleanup — so it works just as well after a crashed session.
 */
export class ProjectResources {
  constructor(
    private readonly docker: DockerClient,
    private readonly containers: Containers,
    private readonly host: string,
  ) {}

  private fail(error: unknown): never {
    throw toEngineError(error, this.host);
  }

  async list(project: string): Promise<ProjectInventory> {
    try {
      const [containers, networks, volumes] = await Promise.all([
        this.docker.listContainers({ all: true, filters: projectFilter(project) }),
        this.docker.listNetworks({ filters: projectFilter(project) }),
        this.docker.listVolumes({ filters: projectFilter(project) }),
      ]);
      // What a Swarm deploy of the project created is the Swarm target's (`--target swarm`).
      return {
        containers: containers.map((c) => ({
          ...toResource(c.Labels, c.Id, (c.Names[0] ?? c.Id).replace(/^\//, ''), c.State),
          // "Exited (3) 2 minutes ago", "Up 5 seconds (healthy)": the exit code and health, cheaply.
          status: c.Status,
          kind: c.Labels?.[LABELS.kind] ?? '',
        })),
        networks: networks
          .filter((n) => !isSwarmResource(n.Labels))
          .map((n) => toResource(n.Labels, n.Id, n.Name)),
        volumes: volumes
          .filter((v) => !isSwarmResource(v.Labels))
          .map((v) => toResource(v.Labels, v.Name, v.Name)),
      };
    } catch (error) {
      this.fail(error);
    }
  }

  /** Projects that have labeled resources on this engine (for crash recovery). */
  async projects(): Promise<string[]> {
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
        ...volumes.map((v) => v.Labels),
      ]) {
        const project = labels?.[LABELS.project];
        if (project && !isSwarmResource(labels)) names.add(project);
      }
      return [...names].sort();
    } catch (error) {
      this.fail(error);
    }
  }

  /** The project's named volumes, with their sizes when the engine can tell. */
  async volumes(project: string): Promise<LabeledVolume[]> {
    try {
      const [volumes, sizes] = await Promise.all([
        this.docker.listVolumes({ filters: projectFilter(project) }),
        this.docker.volumeSizes().catch((): Record<string, number> => ({})),
      ]);
      return volumes
        .filter((v) => !isSwarmResource(v.Labels))
        .map((v) => {
          const size = sizes[v.Name];
          return {
            name: v.Name,
            node: v.Labels?.[LABELS.node] ?? '',
            ...(size !== undefined && size >= 0 ? { sizeBytes: size } : {}),
          };
        });
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Removes what is labeled with the project: containers wave by wave in reverse plan order (in
   * parallel within a wave), then networks, then — only when asked — named volumes. Volumes the
   * project did not create (external ones) carry no label and are never touched.
   */
  async cleanup(project: string, options: CleanupOptions = {}): Promise<CleanupReport> {
    const { stopTimeoutSeconds = 10, onRemoved = () => {} } = options;
    const report: CleanupReport = { containers: 0, networks: 0, volumes: 0, volumesKept: [], errors: [] };
    const resources = await this.list(project);
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
        inWave.map((c) =>
          attempt(`container ${c.name}`, () => this.containers.stopAndRemove(c.id, stopTimeoutSeconds)),
        ),
      );
      report.containers += results.filter(Boolean).length;
    }
    // Already gone (a concurrent cleanup) counts as removed.
    const removeIgnoringMissing = async (remove: () => Promise<unknown>) => {
      try {
        await remove();
      } catch (error) {
        if (statusOf(error) !== 404) throw toEngineError(error, this.host);
      }
    };
    const networkResults = await Promise.all(
      resources.networks.map((n) =>
        attempt(`network ${n.name}`, () => removeIgnoringMissing(() => this.docker.removeNetwork(n.id))),
      ),
    );
    report.networks = networkResults.filter(Boolean).length;
    if (!options.volumes) {
      report.volumesKept = resources.volumes.map((v) => v.name).sort();
      return report;
    }
    const volumeResults = await Promise.all(
      resources.volumes.map((v) =>
        attempt(`volume ${v.name}`, () => removeIgnoringMissing(() => this.docker.removeVolume(v.name))),
      ),
    );
    report.volumes = volumeResults.filter(Boolean).length;
    return report;
  }
}
