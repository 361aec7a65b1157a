import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type {
  CleanupReport,
  NodeRunState,
  OrphanProject,
  ParsedInput,
  ProjectVolume,
  RunLogLine,
  RunSummary,
} from '../../shared/ipc/contract';
import type { HistoryLimits, RerunInput, RerunOrigin, RunDetails, SpanData } from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import type { Unsubscribe } from '../../shared/ipc/transport';
import type { RunTrigger } from '../../shared/ipc/workflow-contract';
import type { Problem, Topology } from '../../shared/topology';
import { systemClock, type Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import { withContext } from '../common/trace-context';
import { remotePortsHost } from '../docker/docker-host';
import type { DockerResources } from '../docker/docker-resources';
import { createCircuitBreaker, Executor, type TargetCircuitBreaker } from '../executor';
import type { Telemetry } from '../telemetry/telemetry';
import type { executeRun } from './execute-run';
import { executeWithHandlers } from './run-handlers';
import { prepareRun } from './prepare-run';
import { PullRecord } from './pull-record';
import { namesFor } from './resource-names';
import { adoptProject, orphanProjects } from './project-recovery';
import { RunEvents, type Listener, type ServicesUpListener } from './run-events';
import type { HistoryRecord } from './run-history';
import { RunRegistry, type ActiveRun } from './run-registry';
import { createRunGates, type RunGateOptions } from './run-gates';
import { finishRunSpan, runTracer, startRunSpan, tracedCleanup } from './run-trace';
import { RunWatch } from './run-watch';
import { requireConsent } from './run-consent';
import type { DeployTarget } from './run-target';
import { RunArchive } from './run-archive';
import { rerunStart, type RerunEnvironment } from './rerun';
import { RunTopologyStore, type KeptTopology } from './run-topology-store';
import { adoptedTopology, followAdoptedContainers } from './adopted-run';

export type { ServicesUpListener } from './run-events';

export interface RunServiceOptions extends RunGateOptions {
  resources: DockerResources;
  dataDir: string;
  logger: Logger;
  clock?: Clock;
  /** Variables for `null` environment values in the topology. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Parallel Docker operations per run. */
  concurrency?: number;
  /** Traces, metrics and the trace context given to containers; without it runs are not traced. */
  telemetry?: Telemetry;
  /** Where `target: 'swarm'` deploys (electron/swarm); without it such a start is refused. */
  swarm?: DeployTarget;
  /** How much run history to keep (the settings' `history`); 200 runs, 30 days without it. */
  historyLimits?: () => Promise<HistoryLimits> | HistoryLimits;
}

/** How a start request arrived: the caller's trace context, if any. */
export interface StartOptions {
  traceparent?: string;
  /** Why the run starts (default: by hand). A scheduled run leaves the project's watch alone. */
  trigger?: RunTrigger;
  /** Jobs to run again even when unchanged and already done. */
  rerun?: readonly string[];
  /** A rerun: the run it reruns, and the node it reruns from. */
  rerunOf?: RerunOrigin;
  /** The run's environment instead of the service's (`dockwright rerun`: with the folder's `.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** What `runs.start` takes (the contract's input, after validation). */
export type StartRequest = ParsedInput<'runs.start'>;

export class RunService {
  private readonly events = new RunEvents();
  private readonly registry: RunRegistry;
  private readonly clock: Clock;
  private readonly executor: Executor;
  private readonly pulls: PullRecord;
  /** One breaker for the engine, shared by every run: a dead engine fails fast. */
  private readonly engineBreaker: TargetCircuitBreaker;
  private offBreaker: (() => void) | undefined;
  private readonly gates: ReturnType<typeof createRunGates>;
  /** The topology of each run, kept beside its history (adopted runs are watched by it). */
  private readonly topologies: RunTopologyStore;
  private readonly runTopologies = new Map<string, KeptTopology>();
  /** Each run's request (for a rerun), log tail and trace, and the pruning of old runs. */
  private readonly archive: RunArchive;

  constructor(private readonly options: RunServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.registry = new RunRegistry(options.dataDir, this.clock, this.events, options.logger);
    this.gates = createRunGates(
      { ...options, clock: this.clock },
      {
        runningHere: (p) => !!this.registry.runningRunOf(p),
        finished: (id) => this.wait(id),
        lookup: (id) => this.get(id),
      },
    );
    this.executor = new Executor({ concurrency: options.concurrency ?? 8, clock: this.clock });
    this.pulls = new PullRecord(options.dataDir);
    this.topologies = new RunTopologyStore(options.dataDir);
    this.archive = new RunArchive({
      dataDir: options.dataDir,
      history: this.registry.history,
      clock: this.clock,
      logger: options.logger,
      ...(options.historyLimits ? { limits: options.historyLimits } : {}),
    });
    this.events.onLog((line) => this.archive.log(line));
    void this.registry.ready.then(() => this.archive.prune());
    this.engineBreaker = createCircuitBreaker({
      name: 'docker-engine',
      consecutiveFailures: 5,
      halfOpenAfterMs: 10_000,
    });
    if (options.telemetry) this.offBreaker = options.telemetry.metrics.observeBreaker(this.engineBreaker);
  }

  onNode(listener: Listener<NodeRunState & { runId: string }>): Unsubscribe {
    return this.events.onNode(listener);
  }

  onLog(listener: Listener<RunLogLine>): Unsubscribe {
    return this.events.onLog(listener);
  }

  onStatus(listener: Listener<Omit<RunSummary, 'nodes'>>): Unsubscribe {
    return this.events.onStatus(listener);
  }

  onServicesUp(listener: ServicesUpListener): Unsubscribe {
    return this.events.onServicesUp(listener);
  }

  /** Appends a record (health, recovery) to a run's history. */
  record(runId: string, record: HistoryRecord): Promise<void> {
    return this.registry.record(runId, record);
  }

  /** A run's history records, as written. */
  records(runId: string): Promise<HistoryRecord[]> {
    return this.registry.records(runId);
  }

  /** Runs marked interrupted at start-up (their session ended mid-run). */
  interruptedRuns(): Promise<string[]> {
    return this.registry.ready;
  }

  /** The target a request names, when it is not this engine's containers. */
  private deployTarget(target: 'engine' | 'swarm' | undefined): DeployTarget | undefined {
    if (target !== 'swarm') return undefined;
    if (!this.options.swarm) throw new ApiError('INVALID_INPUT', 'this Dockwright has no Swarm target');
    return this.options.swarm;
  }

  private servicesUp(run: ActiveRun, topology: Topology): void {
    const services = Object.values(run.summary.nodes)
      .filter((node) => node.state === 'running' || node.state === 'healthy')
      .map((node) => node.nodeId)
      .filter((id) => topology.spec.nodes[id]?.kind === 'service');
    const { runId, project } = run.summary;
    // A Swarm's services are watched through their tasks, not by the containers' health monitor.
    const target = this.deployTarget(run.summary.target);
    if (target) {
      const onNode = (state: NodeRunState) => this.registry.recordNode(run, state);
      (run.releases ??= []).push(target.watch({ runId, project, topology, services, onNode }));
      return;
    }
    const baseDir = this.runTopologies.get(runId)?.baseDir;
    (run.releases ??= []).push(
      ...this.events.servicesUp({ runId, project, topology, services, ...(baseDir ? { baseDir } : {}) }),
    );
  }

  /** One run per intent (idempotency key), one writer per project (the project lock). */
  start(request: StartRequest, options: StartOptions = {}): Promise<RunSummary> {
    const project = request.project ?? request.topology.metadata.name;
    return this.gates.intents.start(request, () =>
      this.gates.guard.start(project, () => this.startNew(request, options)),
    );
  }

  /** A remote engine's address: its bind sources are on its host, not checked here. */
  private remoteEngine(): { remoteEngine?: string } {
    const host = this.options.resources.engine.host;
    return remotePortsHost(host) === undefined ? {} : { remoteEngine: host.display };
  }

  private async startNew(request: StartRequest, options: StartOptions): Promise<RunSummary> {
    await this.registry.ready;
    const project = request.project ?? request.topology.metadata.name;
    await requireConsent(request.topology, request);
    const target = this.deployTarget(request.target);
    const env = options.env ?? this.options.env ?? {};
    const prepared = target
      ? await target.prepare(request, env)
      : prepareRun(
          { ...request, ...this.remoteEngine() },
          // The engine's runtimes only when a node names one (asking for them is the slow call).
          await this.options.resources.engine.capabilities({
            runtimes: Object.values(request.topology.spec.nodes).some(
              (node) => 'runtime' in node && node.runtime !== undefined,
            ),
          }),
          env,
        );
    const busy = this.registry.runningRunOf(project);
    if (busy) {
      throw new ApiError(
        'CONFLICT',
        `project ${project} is already running (run ${busy.summary.runId}); cancel it first`,
        {
          runId: busy.summary.runId,
        },
      );
    }
    const runId = this.registry.newRunId();
    const at = this.registry.now();
    const nodes: RunSummary['nodes'] = Object.fromEntries(
      Object.keys(request.topology.spec.nodes).map((nodeId) => [
        nodeId,
        prepared.excluded.includes(nodeId)
          ? { nodeId, state: 'skipped' as const, at, reason: 'not in the active profiles' }
          : { nodeId, state: 'pending' as const, at },
      ]),
    );
    const summary: RunSummary = {
      runId,
      project,
      idempotencyKey: request.idempotencyKey,
      state: 'running',
      startedAt: at,
      ...(target ? { target: 'swarm' as const } : {}),
      ...(options.trigger && options.trigger !== 'manual' ? { trigger: options.trigger } : {}),
      ...(options.rerunOf ? { rerun: options.rerunOf } : {}),
      nodes,
    };
    const span = startRunSpan(runTracer(this.options.telemetry), project, runId, options.traceparent);
    this.options.telemetry?.metrics.runsStarted.inc();
    // A scheduled run of one job leaves the project's watch (and followed logs) as they are.
    if (options.trigger !== 'schedule') {
      this.registry.closeWatches(project);
      this.registry.release(project);
    }
    const active = await this.registry.open(summary);
    active.span = span;
    this.archive.opened(runId, {
      topology: prepared.topology,
      ...(request.baseDir ? { baseDir: request.baseDir } : {}),
      ...(request.target ? { target: request.target } : {}),
    });
    // A scheduled run's topology is one job's part: only a whole one is kept for a later adoption.
    this.keepTopology(
      runId,
      { topology: prepared.topology, ...(request.baseDir ? { baseDir: request.baseDir } : {}) },
      options.trigger !== 'schedule',
    );
    active.done = this.execute(
      active,
      { ...request, topology: prepared.topology },
      prepared.plan,
      prepared.warnings,
      options.rerun ? new Set(options.rerun) : undefined,
      env,
    );
    return structuredClone(summary);
  }

  private async execute(
    run: ActiveRun,
    request: StartRequest,
    deployment: Parameters<typeof executeRun>[0]['plan'],
    warnings: readonly Problem[] = [],
    rerun?: ReadonlySet<string>,
    env: Readonly<Record<string, string | undefined>> = this.options.env ?? {},
  ): Promise<RunSummary> {
    const { summary, controller } = run;
    const { topology } = request;
    const target = this.deployTarget(summary.target);
    const telemetry = this.options.telemetry;
    const tracer = runTracer(telemetry);
    const span = run.span ?? startRunSpan(tracer, summary.project, summary.runId);
    const parent = trace.setSpan(ROOT_CONTEXT, span);
    const logger = this.options.logger.child({ runId: summary.runId, traceId: span.spanContext().traceId });
    const watch = new RunWatch({
      resources: this.options.resources,
      project: summary.project,
      runId: summary.runId,
      clock: this.clock,
      logger,
      ...(telemetry ? { metrics: telemetry.metrics } : {}),
      onLog: (line) => this.events.log(line),
    });
    run.watch = watch;
    for (const warning of warnings)
      watch.pump.push(warning.nodeId ?? '', 'system', `warning: ${warning.message}`, this.registry.now());
    const startedAt = performance.now();
    const outcome = await withContext(parent, () =>
      executeWithHandlers({
        topology,
        plan: deployment,
        project: summary.project,
        runId: summary.runId,
        names: namesFor(summary.project, topology),
        ...(request.baseDir ? { baseDir: request.baseDir } : {}),
        pulls: this.pulls,
        resources: this.options.resources,
        env,
        signal: controller.signal,
        executor: this.executor,
        breaker: this.engineBreaker,
        onNode: (state) => this.registry.recordNode(run, state),
        onLog: (nodeId, stream, text) => watch.pump.push(nodeId, stream, text, this.registry.now()),
        watch,
        ...(rerun ? { rerun } : {}),
        ...(target ? { bodies: (context, progress) => target.bodies(context, progress) } : {}),
        tracing: {
          tracer,
          parent,
          ...(telemetry
            ? {
                metrics: telemetry.metrics,
                containerEnv: (nodeId: string, serviceName: string) =>
                  telemetry.containerEnv({
                    serviceName,
                    project: summary.project,
                    nodeId,
                    runId: summary.runId,
                  }),
              }
            : {}),
        },
      }),
    ).catch((error: unknown) => {
      logger.error({ err: error }, 'run crashed');
      return 'failed' as const;
    });
    this.registry.end(run, controller.signal.aborted ? 'cancelled' : outcome);
    // The run's output so far goes out before its final status; a cancelled run stops following.
    if (summary.state === 'cancelled') watch.close();
    else watch.drain();
    finishRunSpan(span, summary, telemetry, startedAt);
    logger.info({ state: summary.state }, 'run finished');
    await this.registry.recordEnd(run);
    await this.archive.ended(summary.runId, (record) => this.registry.record(summary.runId, record));
    if (summary.state !== 'cancelled' && !this.watchedByAnother(run)) this.servicesUp(run, topology);
    return structuredClone(summary);
  }

  /** A scheduled run's services stay with the run that watches the project, if one does. */
  private watchedByAnother(run: ActiveRun): boolean {
    if (run.summary.trigger !== 'schedule') return false;
    return this.registry
      .all()
      .some(
        (other) =>
          other !== run && other.summary.project === run.summary.project && (other.releases?.length ?? 0) > 0,
      );
  }

  private keepTopology(runId: string, kept: KeptTopology, persist: boolean): void {
    this.runTopologies.set(runId, kept);
    if (!persist) return;
    this.topologies
      .write(runId, kept)
      .catch((error: unknown) =>
        this.options.logger.warn({ err: error, runId }, 'could not keep the run topology'),
      );
  }

  /** The topology a run ran (this session's from memory, an earlier one's from beside its history). */
  async topologyOf(runId: string): Promise<Topology | undefined> {
    return (this.runTopologies.get(runId) ?? (await this.topologies.read(runId)))?.topology;
  }

  /** The runs that made or last converged the project's resources, newest first. */
  private async runsOf(project: string, except: string): Promise<string[]> {
    const history = (await this.registry.list())
      .filter((run) => run.project === project && run.runId !== except)
      .map((run) => run.runId);
    const inventory = await this.options.resources.projects.list(project);
    const labelled = inventory.containers.map((container) => container.run).filter(Boolean);
    return [...history, ...labelled.sort().reverse()];
  }

  /**
   * Reruns a project's last run (or the run named) from where it failed, or from `from`: see
   * rerun.ts. One intent, one run, one writer per project, as `start`.
   */
  async rerun(input: RerunInput, how: RerunEnvironment = {}): Promise<RunSummary> {
    const { request, options } = await rerunStart(
      input,
      {
        get: (runId) => this.get(runId),
        list: () => this.list(),
        requestOf: (runId) => this.archive.requests.read(runId),
      },
      how,
    );
    return this.start(request, options);
  }

  /** The history, newest first: every run, or one project's; at most `limit` (default 200). */
  async history(project?: string, limit = 200): Promise<RunSummary[]> {
    const runs = await this.list();
    return runs.filter((run) => project === undefined || run.project === project).slice(0, limit);
  }

  /** A run as its history keeps it: its summary, the tail of its logs, its trace. */
  async details(runId: string): Promise<RunDetails> {
    const summary = await this.get(runId);
    const [records, spans] = await Promise.all([
      this.registry.records(runId),
      this.archive.spans.read(runId),
    ]);
    return { summary, logs: this.archive.logsOf(records), spans };
  }

  /** Prunes the history now, to `limits` (else the configured ones); returns the runs removed. */
  pruneHistory(limits?: HistoryLimits): Promise<string[]> {
    return this.archive.prune(limits);
  }

  /** Spans of the live feed: a run's are kept beside its history when it ends. */
  keepSpans(spans: readonly SpanData[]): void {
    this.archive.addSpans(spans);
  }

  /** Writes what is still held of ended runs (their spans); at shutdown, after the last spans. */
  flushArchive(): Promise<void> {
    return this.archive.flush();
  }

  /** Resolves with the final summary when the run ends. */
  async wait(runId: string): Promise<RunSummary> {
    const run = this.registry.active(runId);
    if (!run) return this.get(runId);
    return run.done;
  }

  async cancel(runId: string): Promise<RunSummary> {
    const run = this.registry.active(runId);
    if (!run) return this.get(runId);
    if (run.summary.state === 'running')
      run.controller.abort(new ApiError('CANCELLED', 'the run was cancelled'));
    else this.registry.releaseRun(run);
    return run.done;
  }

  get(runId: string): Promise<RunSummary> {
    return this.registry.get(runId);
  }

  /** Every run in the history, newest first; runs of this session as they are now. */
  list(): Promise<RunSummary[]> {
    return this.registry.list();
  }

  /**
   * Follows again the output (and usage) of a node's running containers once the health monitor
   * restarted or recreated it: the engine ends a followed output when its container stops. Each
   * from when it last stopped, so nothing printed since is missed and nothing from before is shown
   * twice.
   */
  async refollow(runId: string, nodeId: string): Promise<void> {
    const run = this.registry.active(runId);
    const watch = run?.watch;
    if (!run || !watch) return;
    const running = await this.options.resources.containers.runningOfNode(run.summary.project, nodeId);
    await Promise.all(
      running.map((container) =>
        watch.follow(nodeId, container.id, { tty: container.tty, stats: true, since: container.since }),
      ),
    );
  }

  /**
   * Stops and removes the project's containers and networks (and, with `volumes`, its named
   * volumes), from this session or an earlier one.
   */
  async cleanup(
    project: string,
    options: {
      volumes?: boolean;
      onRemoved?: (what: string, error?: string) => void;
      target?: 'engine' | 'swarm';
    } = {},
  ): Promise<CleanupReport> {
    const target = this.deployTarget(options.target);
    const running = this.registry.runningRunOf(project);
    if (running) {
      running.controller.abort(new ApiError('CANCELLED', 'cleaned up'));
      await running.done;
    }
    this.registry.closeWatches(project);
    this.registry.release(project);
    const report = await this.gates.guard.cleanup(project, () =>
      tracedCleanup(runTracer(this.options.telemetry), project, () =>
        (target ?? this.options.resources.projects).cleanup(project, {
          ...(options.volumes ? { volumes: true } : {}),
          ...(options.onRemoved ? { onRemoved: options.onRemoved } : {}),
        }),
      ),
    );
    return { project, ...report };
  }

  /** The project's named volumes and their sizes (what a cleanup with volumes removes). */
  async volumes(project: string, target?: 'engine' | 'swarm'): Promise<ProjectVolume[]> {
    const swarm = this.deployTarget(target);
    if (swarm) return swarm.volumes(project);
    const volumes = await this.options.resources.projects.volumes(project);
    return volumes.map((v) => ({
      name: v.name,
      nodeId: v.node,
      external: false,
      ...(v.sizeBytes !== undefined ? { sizeBytes: v.sizeBytes } : {}),
    }));
  }

  /**
   * Takes over the resources an earlier (crashed) session left, as a run of this session: its
   * nodes show the state their containers are in, and `cancel` or `cleanup` end it.
   */
  async adopt(project: string): Promise<RunSummary> {
    const summary = await adoptProject(this.registry, this.options.resources.projects, project);
    const run = this.registry.active(summary.runId);
    if (!run || (run.releases?.length ?? 0) > 0 || run.summary.state !== 'running') return summary;
    // Its containers' events keep the canvas current; with the topology an earlier run kept, its
    // services are watched and healed like those of a run started here.
    const onNode = (state: NodeRunState) => this.registry.recordNode(run, state);
    (run.releases ??= []).push(
      followAdoptedContainers({
        client: this.options.resources.engine.client,
        project,
        clock: this.clock,
        logger: this.options.logger,
        onNode,
        now: () => this.registry.now(),
      }),
    );
    const kept = await adoptedTopology(await this.runsOf(project, summary.runId), this.topologies);
    if (kept) {
      this.runTopologies.set(summary.runId, kept);
      this.servicesUp(run, kept.topology);
    } else {
      this.options.logger.warn(
        { project },
        'adopted without a kept topology: its services are not health-watched',
      );
    }
    return structuredClone(run.summary);
  }

  /** Projects with labeled resources on the engine that no run of this session owns. */
  orphans(): Promise<OrphanProject[]> {
    return orphanProjects(this.registry, this.options.resources.projects);
  }

  /** Cancels what runs and waits for it, so nothing is left half-started. */
  async dispose(): Promise<void> {
    const running = this.registry.all().filter((run) => run.summary.state === 'running');
    for (const run of running) run.controller.abort(new ApiError('CANCELLED', 'the app is closing'));
    await Promise.all(running.map((run) => run.done));
    for (const run of this.registry.all()) run.watch?.close();
    for (const run of this.registry.all()) this.registry.releaseRun(run);
    await this.gates.guard.idle();
    // Spans of runs that just ended are written by flushArchive, once the feed has delivered them.
    await this.archive.settle();
    this.offBreaker?.();
  }
}
