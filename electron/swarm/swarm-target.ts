import type { HealthStatus, ProjectVolume } from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import { swarmUnsupportedFields } from '../../shared/topology/swarm-field-support';
import type { Logger } from '../common/logger';
import type { DockerResources } from '../docker/docker-resources';
import { toEngineError } from '../docker/engine-errors';
import { LABELS } from '../docker/labels';
import { prepareRun, type PreparedRun, type PrepareInput } from '../runs/prepare-run';
import type { DeployTarget, TargetCleanupReport, TargetWatch } from '../runs/run-target';
import { swarmBodies } from './swarm-bodies';
import { cleanupSwarm } from './swarm-cleanup';
import { swarmProjectFilter } from './swarm-labels';
import { swarmStatus, type SwarmProjectStatus } from './swarm-status';
import { SwarmWatch } from './swarm-watch';

export interface SwarmTargetOptions {
  readonly resources: DockerResources;
  readonly logger: Logger;
  /** A service's health from its tasks, after the run brought it up. */
  readonly onHealth?: (event: HealthStatus) => void;
  /** Between two looks at the services' tasks once they are up. */
  readonly watchIntervalMs?: number;
}

/**
 * The Swarm whose manager is the current engine, as a place runs deploy to (`--target swarm`):
 * the RunService keeps intents, locks, consent, history, events and traces; this says what is
 * checked first, what each task does, how the services are watched, and what cleanup removes.
 */
export class SwarmTarget implements DeployTarget {
  constructor(private readonly options: SwarmTargetOptions) {}

  private get client() {
    return this.options.resources.engine.client;
  }

  private fail(error: unknown): never {
    throw toEngineError(error, this.options.resources.engine.host.display);
  }

  /** The engine's API version, once it is known to manage a Swarm; refuses otherwise. */
  async requireManager(): Promise<string> {
    let swarm: { LocalNodeState?: string; ControlAvailable?: boolean } | undefined;
    let apiVersion: string;
    try {
      const [info, version] = await Promise.all([this.client.info(), this.client.version()]);
      swarm = info.Swarm;
      apiVersion = version.ApiVersion;
    } catch (error) {
      this.fail(error);
    }
    if (swarm?.LocalNodeState !== 'active' || swarm.ControlAvailable !== true) {
      const state =
        swarm?.LocalNodeState === 'active'
          ? 'a worker'
          : `not in a Swarm (${swarm?.LocalNodeState ?? 'unknown'})`;
      throw new ApiError(
        'ENGINE_ERROR',
        `the engine at ${this.options.resources.engine.host.display} is ${state}; deploy on a Swarm manager (docker swarm init, or DOCKER_HOST pointing at a manager)`,
        { swarm: swarm?.LocalNodeState ?? 'unknown' },
      );
    }
    return apiVersion;
  }

  async prepare(
    input: PrepareInput,
    env: Readonly<Record<string, string | undefined>>,
  ): Promise<PreparedRun> {
    const apiVersion = await this.requireManager();
    return prepareRun(input, undefined, env, {
      unsupported: (topology) => swarmUnsupportedFields(topology, { apiVersion }),
      // The routing mesh publishes one port for all of a service's replicas.
      notApplicable: ['REPLICAS_FIXED_HOST_PORT'],
    });
  }

  bodies: DeployTarget['bodies'] = (context, progress) => swarmBodies(context, progress);

  watch(run: TargetWatch): () => void {
    return new SwarmWatch({
      ...run,
      client: this.client,
      logger: this.options.logger,
      ...(this.options.onHealth ? { onHealth: this.options.onHealth } : {}),
      ...(this.options.watchIntervalMs !== undefined ? { intervalMs: this.options.watchIntervalMs } : {}),
    }).start();
  }

  async cleanup(
    project: string,
    options: { volumes?: boolean; onRemoved?: (what: string, error?: string) => void },
  ): Promise<TargetCleanupReport> {
    try {
      return await cleanupSwarm(this.client, project, options);
    } catch (error) {
      this.fail(error);
    }
  }

  async volumes(project: string): Promise<ProjectVolume[]> {
    try {
      const volumes = await this.client.listVolumes({ filters: swarmProjectFilter(project) });
      return volumes.map((v) => ({ name: v.Name, nodeId: v.Labels?.[LABELS.node] ?? '', external: false }));
    } catch (error) {
      this.fail(error);
    }
  }

  /** The Swarm deploys of Dockwright projects, services with their tasks per node. */
  async status(project?: string): Promise<SwarmProjectStatus[]> {
    await this.requireManager();
    try {
      return await swarmStatus(this.client, project);
    } catch (error) {
      this.fail(error);
    }
  }
}
