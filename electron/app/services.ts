import { createDispatcher, type Dispatcher } from '../../shared/ipc/dispatcher';
import { DockerEngine } from '../docker/docker-engine';
import { DockerResources } from '../docker/docker-resources';
import { filesHandlers } from '../files/files-handlers';
import { TopologyFiles } from '../files/topology-files';
import { EngineHealthDocker } from '../health/engine-health-docker';
import { healthHandlers } from '../health/health-handlers';
import { HealthMonitor } from '../health/health-monitor';
import { healthMetrics } from '../health/health-metrics';
import { recoveryRecord, statusRecord } from '../health/history-summary';
import { RunService } from '../runs/run-service';
import { lockWaitFrom } from '../runs/project-locks';
import { SwarmTarget } from '../swarm/swarm-target';
import type { RunGateOptions } from '../runs/run-gates';
import { defaultLockDir } from '../common/data-dir';
import type { Logger } from '../common/logger';
import { Telemetry } from '../telemetry/telemetry';
import { observeDockerCalls } from '../telemetry/observed-docker';
import { telemetryHandlers } from '../telemetry/telemetry-handlers';
import { systemClock, type Clock } from '../common/clock';
import { processSecrets } from '../common/secret-values';
import { EventHub } from './event-hub';
import { MetricsEndpoint } from '../telemetry/metrics-endpoint';
import { desktopHandlers, type DesktopPort } from './desktop-handlers';
import { SettingsService } from './settings-service';
import type { SettingsView, TelemetrySpans } from '../../shared/ipc/contract';
import type { NotificationTarget } from '../../shared/topology/workflow-parts';
import { readSettingsFile } from './settings';
import { NotifyService } from '../notify/notify-service';
import { JobScheduler } from '../schedule/job-scheduler';
import { notifyHooks } from './notify-hooks';
import { startScheduledRun } from './scheduled-run';

export interface AppServicesOptions {
  logger: Logger;
  dataDir: string;
  /** Engine address; defaults to `DOCKER_HOST`, then the default socket. */
  dockerHost?: string;
  /** A docker context (`--context`); `dockerHost` wins over it, it wins over DOCKER_HOST. */
  dockerContext?: string;
  env?: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
  /** Tracing and metrics; by default made here from the OTEL_* variables of `env`. */
  telemetry?: (hub: EventHub) => Telemetry;
  /** Project locks; by default shared by every process of the user (`defaultLockDir`). */
  locks?: RunGateOptions['locks'];
  /**
   * Read `<dataDir>/settings.json` at start and apply it (engine, OTLP, metrics port): the app and
   * the web mode do; one-shot CLI commands do not. `settings.set` applies changes either way.
   */
  applySettings?: boolean;
  /** The desktop window's dialogs and close (Electron only). */
  desktop?: DesktopPort;
  /** The notification outbox's timing (tests shorten it). */
  notify?: Pick<
    ConstructorParameters<typeof NotifyService>[0],
    'delays' | 'timeoutMs' | 'breaker' | 'random'
  >;
}

export interface AppServices {
  readonly engine: DockerEngine;
  readonly resources: DockerResources;
  readonly runs: RunService;
  /** The Swarm the engine manages, as a deploy target (`--target swarm`). */
  readonly swarm: SwarmTarget;
  readonly health: HealthMonitor;
  readonly files: TopologyFiles;
  readonly telemetry: Telemetry;
  readonly settings: SettingsService;
  readonly hub: EventHub;
  /** Webhook notifications through the durable outbox. */
  readonly notify: NotifyService;
  /** Scheduled jobs of the projects this process watches. */
  readonly scheduler: JobScheduler;
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
  const telemetry =
    options.telemetry?.(hub) ??
    new Telemetry({
      env: options.env ?? process.env,
      clock,
      logger,
      emit: (event, payload) => hub.emit(event, payload),
    });
  const engine = new DockerEngine({
    logger,
    clock,
    decorate: (client) => observeDockerCalls(client, telemetry.dockerCalls),
    ...(options.dockerHost ? { host: options.dockerHost } : {}),
    ...(options.dockerContext ? { context: options.dockerContext } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const resources = new DockerResources(engine);
  const writes = new Set<Promise<void>>();
  const keep = (runId: string, record: Parameters<RunService['record']>[1]) => {
    const write = runs.record(runId, record).catch(() => undefined);
    writes.add(write);
    void write.finally(() => writes.delete(write));
  };
  // A Swarm's services report health from their tasks, into the same events and history.
  const swarm = new SwarmTarget({
    resources,
    logger,
    onHealth: (event) => {
      hub.emit('health.status', event);
      keep(event.runId, statusRecord(event));
    },
  });
  const runs = new RunService({
    swarm,
    resources,
    dataDir: options.dataDir,
    logger,
    clock,
    env: options.env ?? process.env,
    telemetry,
    locks: {
      dir: defaultLockDir(options.env ?? process.env),
      waitMs: lockWaitFrom(options.env ?? process.env),
      ...options.locks,
    },
    // Read at each pruning, so the CLI honours what the app's settings say.
    historyLimits: async () => (await readSettingsFile(options.dataDir)).settings.history,
  });
  // A run's spans are kept beside its history (the History panel draws its trace after a restart).
  const offSpans = hub.subscribe((messages) => {
    for (const message of messages)
      if (message.event === 'telemetry.spans') runs.keepSpans((message.payload as TelemetrySpans).spans);
  });
  const files = new TopologyFiles({ dataDir: options.dataDir, logger });
  const metricsEndpoint = new MetricsEndpoint(telemetry.metrics);
  const activeRuns = new Set<string>();
  const settings = new SettingsService({
    dataDir: options.dataDir,
    logger,
    env: options.env ?? process.env,
    engine,
    telemetry,
    metrics: metricsEndpoint,
    activeRuns: () => activeRuns.size,
    emit: (view) => hub.emit('settings.changed', view),
    ...(options.dockerHost
      ? { explicitDockerHost: options.dockerHost }
      : options.dockerContext
        ? { explicitDockerHost: `--context ${options.dockerContext}` }
        : {}),
  });
  const offs = [
    engine.onStatus((status) => hub.emit('engine.status', status)),
    runs.onNode((state) => hub.emit('run.node', state)),
    runs.onLog((line) => hub.emit('run.log', line)),
    runs.onStatus((status) => hub.emit('run.status', status)),
    runs.onStatus((status) => {
      if (status.state === 'running') activeRuns.add(status.runId);
      else activeRuns.delete(status.runId);
    }),
  ];
  // Health: a run's services are watched from when the run brought them up until they are let go.
  const health = new HealthMonitor({
    docker: new EngineHealthDocker(resources),
    logger,
    clock,
    metrics: healthMetrics(telemetry.metrics),
  });
  offs.push(
    health.onStatus((event) => {
      hub.emit('health.status', event);
      keep(event.runId, statusRecord(event));
      // Starting over (restarted or recreated, by the monitor or the engine's restart policy): its
      // output goes on in the Logs panel. Not its first start: the run follows that one.
      if (event.state === 'starting' && event.previous !== undefined)
        runs.refollow(event.runId, event.nodeId).catch((error: unknown) => {
          logger.debug({ err: error, nodeId: event.nodeId }, 'could not follow a restarted service again');
        });
    }),
    health.onRecovery((event) => {
      hub.emit('health.recovery', event);
      keep(event.runId, recoveryRecord(event));
    }),
    runs.onServicesUp((run) => {
      const watch = health.watch(run);
      return () => watch.dispose();
    }),
  );
  // Notifications: run ends and unhealthy services, to the settings' and the topology's targets.
  let settingsTargets: readonly NotificationTarget[] = [];
  const notify = new NotifyService({
    dataDir: options.dataDir,
    logger,
    clock,
    ...options.notify,
    onStatus: (status) => hub.emit('notify.status', status),
  });
  const hooks = notifyHooks({
    notify,
    logger,
    settingsTargets: () => settingsTargets,
    topologyOf: (runId) => runs.topologyOf(runId),
  });
  offs.push(
    runs.onStatus((status) => hooks.runStatus(status, async () => (await runs.get(status.runId)).nodes)),
    health.onStatus((event) => hooks.healthStatus(event)),
  );
  // Scheduled jobs tick while the run that brought the project up is watched.
  const scheduler = new JobScheduler({
    logger,
    clock,
    start: (job, tickAt) => startScheduledRun(runs, job, tickAt),
    onStatus: (entry) => hub.emit('schedule.status', entry),
  });
  offs.push(runs.onServicesUp((run) => scheduler.watch(run.project, run.topology, run.baseDir)));
  engine.start();
  if (options.applySettings) {
    settings.start().catch((error: unknown) => logger.error({ err: error }, 'settings could not be applied'));
  }
  // The settings' targets (read, not applied, by one-shot commands); changed through settings.set.
  const useTargets = (targets: readonly NotificationTarget[]) => {
    settingsTargets = targets;
    notify.setSettingsTargets(targets);
  };
  void (
    options.applySettings ? settings.start().then(() => settings.current) : readSettingsFile(options.dataDir)
  )
    .then((read) => useTargets('settings' in read ? read.settings.notifications : read.notifications))
    .catch((error: unknown) => logger.warn({ err: error }, 'notification targets could not be read'));
  offs.push(
    hub.subscribe((events) => {
      for (const { event, payload } of events)
        if (event === 'settings.changed') useTargets((payload as SettingsView).settings.notifications);
    }),
  );
  notify
    .start()
    .catch((error: unknown) => logger.error({ err: error }, 'the notification outbox could not be read'));

  const dispatcher = createDispatcher(
    {
      'engine.info': () => engine.info(),
      'engine.images': () => engine.images(),
      'engine.status': () => engine.status,
      'runs.start': async (input, { traceparent }) => {
        // A saved document's relative paths resolve against its folder (the CLI passes baseDir).
        const baseDir =
          input.baseDir ?? (input.file ? await files.folderOf(input.file).catch(() => undefined) : undefined);
        return runs.start(
          { ...input, ...(baseDir ? { baseDir } : {}) },
          { trigger: 'click', ...(traceparent ? { traceparent } : {}) },
        );
      },
      'runs.rerun': (input) => runs.rerun(input),
      'runs.history': ({ project, limit }) => runs.history(project, limit),
      'runs.details': ({ runId }) => runs.details(runId),
      'runs.cancel': ({ runId }) => runs.cancel(runId),
      'runs.cleanup': ({ project, volumes, target }) =>
        runs.cleanup(project, { ...(volumes ? { volumes } : {}), ...(target ? { target } : {}) }),
      'runs.volumes': ({ project, target }) => runs.volumes(project, target),
      'runs.list': () => runs.list(),
      'runs.get': ({ runId }) => runs.get(runId),
      'runs.orphans': () => runs.orphans(),
      'runs.adopt': ({ project }) => runs.adopt(project),
      ...filesHandlers(files),
      ...healthHandlers(health, runs),
      ...telemetryHandlers(telemetry),
      'notify.status': () => notify.status(),
      'schedule.list': () => scheduler.list(),
      ...desktopHandlers({
        settings,
        env: options.env ?? process.env,
        dataDir: options.dataDir,
        desktop: options.desktop,
      }),
    },
    {
      onInternalError: (error, channel) => logger.error({ err: error, channel }, 'request failed'),
      // An engine's message may quote a secret (an environment value): masked before it crosses.
      maskError: (error) => processSecrets.maskDeep(error),
    },
  );

  return {
    engine,
    resources,
    runs,
    swarm,
    health,
    files,
    telemetry,
    settings,
    hub,
    notify,
    scheduler,
    dispatcher,
    logger,
    dataDir: options.dataDir,
    async dispose() {
      scheduler.dispose();
      await runs.dispose();
      health.dispose();
      await Promise.all(writes);
      for (const off of offs) off();
      await notify.dispose();
      engine.dispose();
      await metricsEndpoint.close();
      // Spans still waiting are exported (or given up on) before the process goes.
      await telemetry.shutdown();
      // The last spans reached the hub: the runs that just ended keep them.
      hub.flush();
      offSpans();
      await runs.flushArchive();
      hub.dispose();
    },
  };
}
