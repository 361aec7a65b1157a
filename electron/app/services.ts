import { createDispatcher, type Dispatcher } from '../../shared/ipc/dispatcher';
import { DockerEngine } from '../docker/docker-engine';
import type { Logger } from '../telemetry/logger';
import { systemClock, type Clock } from './clock';
import { EventHub } from './event-hub';

export interface AppServicesOptions {
  logger: Logger;
  dataDir: string;
  /** Engine address; defaults to `DOCKER_HOST`, then the default socket. */
  dockerHost?: string;
  env?: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
}

export interface AppServices {
  readonly engine: DockerEngine;
  readonly hub: EventHub;
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  readonly dataDir: string;
  dispose(): void;
}

/**
 * Wires the services to the contract. Shared by both composition roots (the Electron main
 * process and the CLI/web mode), so both expose exactly the same Api.
 */
export function createAppServices(options: AppServicesOptions): AppServices {
  const clock = options.clock ?? systemClock;
  const logger = options.logger;
  const hub = new EventHub(clock);
  const engine = new DockerEngine({
    logger,
    clock,
    ...(options.dockerHost ? { host: options.dockerHost } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const offStatus = engine.onStatus((status) => hub.emit('engine.status', status));
  engine.start();

  const dispatcher = createDispatcher(
    {
      'engine.info': () => engine.info(),
      'engine.images': () => engine.images(),
      'engine.status': () => engine.status,
    },
    { onInternalError: (error, channel) => logger.error({ err: error, channel }, 'request failed') },
  );

  return {
    engine,
    hub,
    dispatcher,
    logger,
    dataDir: options.dataDir,
    dispose() {
      offStatus();
      engine.dispose();
      hub.dispose();
    },
  };
}
