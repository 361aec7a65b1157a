import { ApiError } from '../../shared/ipc/errors';
import { withoutTracing } from '../common/trace-context';
import { watchContainerEvents } from './container-events';
import { execInContainer, healthTestCommand } from './container-exec';
import type { DockerClient } from './docker-client';
import type { DockerEngine } from './docker-engine';
import { toEngineError } from './engine-errors';

export interface ExitResult {
  exitCode: number;
  oomKilled: boolean;
}

/** How often Dockwright runs a starting container's healthcheck itself. */
const PROBE_INTERVAL_MS = 250;
/** How often a long wait for a container's exit checks that the engine is still there. */
const HEARTBEAT_MS = 2_000;

/** Waiting on containers: until healthy (engine events plus our own probe), until they exit. */
export class ContainerWaits {
  constructor(private readonly engine: DockerEngine) {}

  private get docker(): DockerClient {
    return this.engine.client;
  }

  private fail(error: unknown): never {
    throw toEngineError(error, this.engine.host.display);
  }

  /**
   * Resolves when the container's healthcheck passes. Follows the engine's events (subscribed
   * before the first inspect, so nothing is missed); fails if it turns unhealthy or exits.
   */
  async healthy(id: string, signal: AbortSignal): Promise<void> {
    // Probes run every 250 ms: measured, but not one span each (the node's `healthy` span covers them).
    return withoutTracing(() => this.healthyUntraced(id, signal));
  }

  private healthyUntraced(id: string, signal: AbortSignal): Promise<void> {
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
        const state = (await this.docker.inspectContainer(id)).State;
        // An exit is checked first: the engine also marks a stopped container's health unhealthy.
        if (!state.Running && state.Status !== 'created') {
          const message = `container exited with code ${state.ExitCode} before it became healthy`;
          settle(new ApiError('ENGINE_ERROR', message));
        } else if (state.Health?.Status === 'healthy') settle();
        else if (state.Health?.Status === 'unhealthy')
          settle(new ApiError('ENGINE_ERROR', 'container is unhealthy'));
        else if (!state.Health) settle(new ApiError('INVALID_INPUT', 'container has no healthcheck'));
      };
      watchContainerEvents(
        this.docker,
        { container: [id] },
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
    const config = (await this.docker.inspectContainer(id)).Config.Healthcheck;
    const command = healthTestCommand(config?.Test);
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
      const outcome = await execInContainer(this.docker, id, command, timeoutMs);
      return 'exitCode' in outcome && outcome.exitCode === 0;
    } catch {
      // Not running (yet, or any more), or the engine is away: not healthy now.
      return false;
    }
  }

  /** Waits for the container to exit; `signal` aborting kills it (the caller's timeout or cancel). */
  async exit(id: string, signal: AbortSignal): Promise<ExitResult> {
    let stopHeartbeat = () => {};
    const onAbort = () => void this.docker.killContainer(id).catch(() => undefined);
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
          withoutTracing(() => this.docker.inspectContainer(id))
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
      const result = await this.docker.waitContainer(id);
      const state = (await this.docker.inspectContainer(id)).State;
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
}
