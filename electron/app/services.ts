import { createDispatcher, type Dispatcher } from '../../shared/ipc/dispatcher';
import { DockerEngine } from '../docker/docker-engine';
import { DockerResources } from '../docker/docker-resources';
import { filesHandlers } from '../files/files-handlers';
import { TopologyFiles } from '../files/topology-files';
import { RunService } from '../runs/run-service';
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
  readonly resources: DockerResources;
  readonly runs: RunService;
  readonly files: TopologyFiles;
  readonly hub: EventHub;
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  readonly dataDir: string;
  /** Cancels running runs, stops timers and streams. */
  dispose(): Promise<void>;
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
  const resources = new DockerResources(engine);
  const runs = new RunService({
    resources,
    dataDir: options.dataDir,
    logger,
    clock,
    env: options.env ?? process.env,
  });
  const files = new TopologyFiles({ dataDir: options.dataDir, logger });
  const offs = [
    engine.onStatus((status) => hub.emit('engine.status', status)),
    runs.onNode((state) => hub.emit('run.node', state)),
    runs.onLog((line) => hub.emit('run.log', line)),
    runs.onStatus((status) => hub.emit('run.status', status)),
  ];
  engine.start();

  const dispatcher = createDispatcher(
    {
      'engine.info': () => engine.info(),
      'engine.images': () => engine.images(),
      'engine.status': () => engine.status,
      'runs.start': (input) => runs.start(input),
      'runs.cancel': ({ runId }) => runs.cancel(runId),
      'runs.cleanup': ({ project }) => runs.cleanup(project),
      'runs.list': () => runs.list(),
      'runs.get': ({ runId }) => runs.get(runId),
      'runs.orphans': () => runs.orphans(),
      'runs.adopt': ({ project }) => runs.adopt(project),
      ...filesHandlers(files),
    },
    { onInternalError: (error, channel) => logger.error({ err: error, channel }, 'request failed') },
  );

  return {
    engine,
    resources,
    runs,
    files,
    hub,
    dispatcher,
    logger,
    dataDir: options.dataDir,
    async dispose() {
      await runs.dispose();
      for (const off of offs) off();
      engine.dispose();
      hub.dispose();
    },
  };
}
