import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import { ApiError } from '../../shared/ipc/errors';
import { configHash } from './config-hash';
import { watchContainers } from './container-events';
import type { DockerEngine } from './docker-engine';
import { toEngineError } from './engine-errors';
import { LABELS, projectFilter } from './labels';

export type EnsureAction = 'created' | 'reused' | 'recreated';

export interface Ensured {
  id: string;
  name: string;
  action: EnsureAction;
  /** Something the user should know, e.g. a volume whose settings changed but was kept. */
  warning?: string;
}

export interface ExitResult {
  exitCode: number;
  oomKilled: boolean;
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

/**
 * Splits the engine's multiplexed log stream (non-TTY containers): frames of an 8-byte header
 * (stream type, 3 zero bytes, big-endian length) followed by the payload.
 */
export function demultiplex(buffer: Buffer): Array<{ stream: 'stdout' | 'stderr'; text: string }> {
  const frames: Array<{ stream: 'stdout' | 'stderr'; text: string }> = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const type = buffer[offset];
    const length = buffer.readUInt32BE(offset + 4);
    const end = Math.min(buffer.length, offset + 8 + length);
    frames.push({
      stream: type === 2 ? 'stderr' : 'stdout',
      text: buffer.subarray(offset + 8, end).toString('utf8'),
    });
    offset = end;
  }
  return frames;
}

const withHash = (labels: Record<string, string>, config: unknown): Record<string, string> => {
  // The run id changes every run; it must not make an unchanged resource look changed.
  const { [LABELS.run]: _run, ...stable } = labels;
  return { ...labels, [LABELS.configHash]: configHash({ config, labels: stable }) };
};

/** How often Dockwright runs a starting container's healthcheck itself. */
const PROBE_INTERVAL_MS = 250;
/** How often a long wait for a container's exit checks that the engine is still there. */
const HEARTBEAT_MS = 2_000;

const statusOf = (error: unknown): number | undefined =>
  (error as { statusCode?: number } | null)?.statusCode;

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
  constructor(private readonly engine: DockerEngine) {}

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

  async imageExists(reference: string): Promise<boolean> {
    try {
      await this.docker.getImage(reference).inspect();
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      this.fail(error);
    }
  }

  /**
   * Builds an image from a context folder, reporting the engine's build output line by line.
   * Fails with the engine's own error message (e.g. the failing Dockerfile step).
   */
  async buildImage(
    contextDir: string,
    options: {
      tag: string;
      dockerfile?: string;
      target?: string;
      buildArgs?: Record<string, string>;
      labels?: Record<string, string>;
    },
    onLine: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const files = (await readdir(contextDir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() || entry.isSymbolicLink())
      .map((entry) => path.relative(contextDir, path.join(entry.parentPath, entry.name)));
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.engine.streamClient.buildImage(
        { context: contextDir, src: files },
        {
          t: options.tag,
          ...(options.dockerfile ? { dockerfile: options.dockerfile } : {}),
          ...(options.target ? { target: options.target } : {}),
          ...(options.buildArgs ? { buildargs: options.buildArgs } : {}),
          ...(options.labels ? { labels: options.labels } : {}),
          ...(signal ? { abortSignal: signal } : {}),
        },
      );
    } catch (error) {
      this.fail(error);
    }
    await this.followProgress(stream, onLine);
  }

  /** Pulls an image, reporting progress; fails with the engine's reason (offline, unknown image). */
  async pullImage(reference: string, onLine: (text: string) => void): Promise<void> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.engine.streamClient.pull(reference);
    } catch (error) {
      this.fail(error);
    }
    await this.followProgress(stream, onLine);
  }

  private followProgress(stream: NodeJS.ReadableStream, onLine: (text: string) => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.engine.streamClient.modem.followProgress(
        stream,
        (error: Error | null, output: Array<{ error?: string; errorDetail?: { message?: string } }>) => {
          const failed = output?.find((item) => item.error || item.errorDetail);
          if (error) reject(toEngineError(error, this.engine.host.display));
          else if (failed)
            reject(new ApiError('ENGINE_ERROR', failed.errorDetail?.message ?? failed.error ?? 'failed'));
          else resolve();
        },
        (event: { stream?: string; status?: string; progress?: string; id?: string }) => {
          const text = (
            event.stream ?? [event.id, event.status, event.progress].filter(Boolean).join(' ')
          ).trimEnd();
          if (text) onLine(text);
        },
      );
    });
  }

  /** Creates the container, reuses an identical one, or replaces one whose config changed. */
  async ensureContainer(
    name: string,
    options: Omit<Docker.ContainerCreateOptions, 'name' | 'Labels'>,
    labels: Record<string, string>,
    stopTimeoutSeconds = 10,
  ): Promise<Ensured> {
    const desired = withHash(labels, options);
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
      const created = await this.docker.createContainer({ ...options, name, Labels: desired });
      return { id: created.id, name, action };
    } catch (error) {
      if (statusOf(error) === 409) return this.ensureContainer(name, options, labels, stopTimeoutSeconds);
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
  ): Promise<{ running: boolean; finished: boolean; exitCode: number } | undefined> {
    try {
      const state = (await this.docker.getContainer(id).inspect()).State;
      return {
        running: state.Running,
        finished: !state.FinishedAt.startsWith('0001-'),
        exitCode: state.ExitCode,
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

  /** Starts a container; one that already runs is left alone. */
  async start(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).start();
    } catch (error) {
      if (statusOf(error) === 304) return;
      this.fail(error);
    }
  }

  /**
   * Resolves when the container's healthcheck passes. Follows the engine's events (subscribed
   * before the first inspect, so nothing is missed); fails if it turns unhealthy or exits.
   */
  async waitHealthy(id: string, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let stop: (() => void) | undefined;
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        stop?.();
        signal.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onAbort = () => settle(new ApiError('CANCELLED', 'stopped waiting for health: cancelled'));
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
      const check = async () => {
        const state = (await this.docker.getContainer(id).inspect()).State;
        // An exit is checked first: the engine also marks a stopped container's health unhealthy.
        if (!state.Running && state.Status !== 'created') {
          const message = `container exited with code ${state.ExitCode} before it became healthy`;
          settle(new ApiError('ENGINE_ERROR', message));
        } else if (state.Health?.Status === 'healthy') settle();
        else if (state.Health?.Status === 'unhealthy')
          settle(new ApiError('ENGINE_ERROR', 'container is unhealthy'));
        else if (!state.Health) settle(new ApiError('INVALID_INPUT', 'container has no healthcheck'));
      };
      watchContainers(
        this.engine.streamClient,
        [id],
        (event) => {
          if (event.action.startsWith('health_status') || event.action === 'die') {
            check().catch((error: unknown) => settle(toEngineError(error, this.engine.host.display)));
          }
        },
        (error) => {
          if (!settled)
            settle(toEngineError(error ?? new Error('event stream closed'), this.engine.host.display));
        },
      )
        .then(async (unsubscribe) => {
          stop = unsubscribe;
          if (settled) return unsubscribe();
          await check();
          await this.probeUntilHealthy(
            id,
            () => settled,
            () => settle(),
          );
        })
        .catch((error: unknown) => settle(toEngineError(error, this.engine.host.display)));
    });
  }

  /**
   * Runs the container's own healthcheck command right away and then every 250 ms, until it
   * passes or `done()`: dependents start the moment the check passes, instead of after the
   * engine's first interval. The engine's verdicts (healthy, unhealthy, exited) still count.
   */
  private async probeUntilHealthy(id: string, done: () => boolean, healthy: () => void): Promise<void> {
    const config = (await this.docker.getContainer(id).inspect()).Config.Healthcheck;
    const test = config?.Test ?? [];
    const command =
      test[0] === 'CMD-SHELL'
        ? ['sh', '-c', test.slice(1).join(' ')]
        : test[0] === 'CMD'
          ? test.slice(1)
          : undefined;
    if (!command || command.length === 0) return;
    const timeoutMs = config?.Timeout ? config.Timeout / 1_000_000 : 30_000;
    while (!done()) {
      if (await this.execSucceeds(id, command, timeoutMs)) {
        healthy();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    }
  }

  /** Runs a command in a running container; true when it exits 0 within the timeout. */
  async execSucceeds(id: string, command: string[], timeoutMs: number): Promise<boolean> {
    try {
      const exec = await this.docker
        .getContainer(id)
        .exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
      const stream = await exec.start({ hijack: true, stdin: false });
      const finished = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          stream.destroy();
          resolve(false);
        }, timeoutMs);
        const end = () => {
          clearTimeout(timer);
          resolve(true);
        };
        stream.on('end', end).on('close', end).on('error', end);
        stream.resume();
      });
      return finished && (await exec.inspect()).ExitCode === 0;
    } catch {
      // Not running (yet, or any more), or the engine is away: not healthy now.
      return false;
    }
  }

  /** Waits for the container to exit; `signal` aborting kills it (the caller's timeout or cancel). */
  async waitExit(id: string, signal: AbortSignal): Promise<ExitResult> {
    const container = this.engine.streamClient.getContainer(id);
    let stopHeartbeat = () => {};
    const onAbort = () => void container.kill().catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    // Aborted before we listened (a timeout that fired while the container was being started).
    if (signal.aborted) onAbort();
    // A long wait on a connection can outlive the engine silently (a cut network, a relay gone):
    // a heartbeat inspect notices the engine is away, or that the container already ended.
    const heartbeat = new Promise<ExitResult>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let stopped = false;
      stopHeartbeat = () => {
        stopped = true;
        clearTimeout(timer);
      };
      const beat = () => {
        timer = setTimeout(() => {
          this.docker
            .getContainer(id)
            .inspect()
            .then((info) => {
              if (stopped) return;
              if (!info.State.Running && !info.State.FinishedAt.startsWith('0001-')) {
                resolve({ exitCode: info.State.ExitCode, oomKilled: Boolean(info.State.OOMKilled) });
              } else beat();
            })
            .catch((error: unknown) => {
              if (!stopped) reject(toEngineError(error, this.engine.host.display));
            });
        }, HEARTBEAT_MS);
      };
      beat();
    });
    const waited = (async () => {
      const result = (await container.wait()) as { StatusCode: number };
      const state = (await this.docker.getContainer(id).inspect()).State;
      return { exitCode: result.StatusCode, oomKilled: Boolean(state.OOMKilled) };
    })();
    try {
      return await Promise.race([waited, heartbeat]);
    } catch (error) {
      this.fail(error);
    } finally {
      stopHeartbeat();
      waited.catch(() => undefined);
      heartbeat.catch(() => undefined);
      signal.removeEventListener('abort', onAbort);
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
