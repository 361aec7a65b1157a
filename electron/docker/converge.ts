import { ApiError } from '../../shared/ipc/errors';
import { configHash } from './config-hash';
import type { Containers } from './containers';
import type { ContainerCreateBody, DockerClient, NetworkCreateBody, VolumeCreateBody } from './docker-client';
import { statusOf, toEngineError } from './engine-errors';
import { LABELS } from './labels';

export type EnsureAction = 'created' | 'reused' | 'recreated';

export interface Ensured {
  id: string;
  name: string;
  action: EnsureAction;
  /** Something the user should know, e.g. a volume whose settings changed but was kept. */
  warning?: string;
}

export interface EnsureContainerOptions {
  /** How long a replaced container gets to stop. */
  stopTimeoutSeconds?: number;
  /**
   * Added to the environment of a container created now but left out of the config hash (see
   * ensureContainer).
   */
  runtimeEnv?: Readonly<Record<string, string>>;
  /** The image variant to create from. */
  platform?: string;
  /** Runs on a container this call created, before anyone starts it (files copied in). */
  prepare?: (id: string) => Promise<void>;
}

const withHash = (labels: Record<string, string>, config: unknown): Record<string, string> => {
  // The run id changes every run; it must not make an unchanged resource look changed.
  const { [LABELS.run]: _run, ...stable } = labels;
  return { ...labels, [LABELS.configHash]: configHash({ config, labels: stable }) };
};

/**
 * Ensure-by-name with a config hash: an existing network, volume or container with the same
 * settings is reused, one whose settings changed is replaced (a volume is kept: it holds data),
 * a missing one is created. Running it twice creates nothing twice.
 */
export class Convergence {
  constructor(
    private readonly docker: DockerClient,
    private readonly containers: Containers,
    private readonly host: string,
  ) {}

  private fail(error: unknown): never {
    throw toEngineError(error, this.host);
  }

  async ensureNetwork(
    name: string,
    options: Omit<NetworkCreateBody, 'Name' | 'Labels'>,
    labels: Record<string, string>,
  ): Promise<Ensured> {
    const desired = withHash(labels, options);
    const body: NetworkCreateBody = { ...options, Name: name, Labels: desired, CheckDuplicate: true };
    try {
      const existing = await this.docker.inspectNetwork(name);
      if (existing.Labels?.[LABELS.configHash] === desired[LABELS.configHash]) {
        return { id: existing.Id, name, action: 'reused' };
      }
      await this.docker.removeNetwork(existing.Id);
      const created = await this.docker.createNetwork(body);
      return { id: created.id, name, action: 'recreated' };
    } catch (error) {
      if (statusOf(error) !== 404) this.fail(error);
    }
    try {
      const created = await this.docker.createNetwork(body);
      return { id: created.id, name, action: 'created' };
    } catch (error) {
      if (statusOf(error) === 409) return this.ensureNetwork(name, options, labels);
      this.fail(error);
    }
  }

  /** An external network must exist: it is used, never created. */
  async requireNetwork(name: string): Promise<void> {
    try {
      await this.docker.inspectNetwork(name);
    } catch (error) {
      if (statusOf(error) === 404)
        throw new ApiError(
          'NOT_FOUND',
          `external network ${name} does not exist; create it first (docker network create ${name})`,
        );
      this.fail(error);
    }
  }

  /** An external volume must exist: it is used, never created. */
  async requireVolume(name: string): Promise<void> {
    try {
      await this.docker.inspectVolume(name);
    } catch (error) {
      if (statusOf(error) === 404)
        throw new ApiError(
          'NOT_FOUND',
          `external volume ${name} does not exist; create it first (docker volume create ${name})`,
        );
      this.fail(error);
    }
  }

  async ensureVolume(
    name: string,
    options: Omit<VolumeCreateBody, 'Name' | 'Labels'>,
    labels: Record<string, string>,
  ): Promise<Ensured> {
    const desired = withHash(labels, options);
    try {
      const existing = await this.docker.inspectVolume(name);
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
      const created = await this.docker.createVolume({ ...options, Name: name, Labels: desired });
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
    options: Omit<ContainerCreateBody, 'Labels'>,
    labels: Record<string, string>,
    extra: EnsureContainerOptions = {},
  ): Promise<Ensured> {
    const { stopTimeoutSeconds = 10, runtimeEnv = {} } = extra;
    const desired = withHash(labels, options);
    const own = new Set((options.Env ?? []).map((entry) => entry.split('=', 1)[0]));
    const added = Object.entries(runtimeEnv)
      .filter(([key]) => !own.has(key))
      .map(([key, value]) => `${key}=${value}`);
    const env = added.length > 0 ? [...(options.Env ?? []), ...added] : options.Env;
    let action: EnsureAction = 'created';
    try {
      const existing = await this.docker.inspectContainer(name);
      if (existing.Config.Labels?.[LABELS.configHash] === desired[LABELS.configHash]) {
        return { id: existing.Id, name, action: 'reused' };
      }
      await this.containers.stopAndRemove(existing.Id, stopTimeoutSeconds);
      action = 'recreated';
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (statusOf(error) !== 404) this.fail(error);
    }
    try {
      const created = await this.docker.createContainer(
        name,
        { ...options, ...(env ? { Env: env } : {}), Labels: desired },
        extra.platform ? { platform: extra.platform } : {},
      );
      await extra.prepare?.(created.id);
      return { id: created.id, name, action };
    } catch (error) {
      if (statusOf(error) === 409) return this.ensureContainer(name, options, labels, extra);
      this.fail(error);
    }
  }
}
