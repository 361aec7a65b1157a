import { randomBytes } from 'node:crypto';
import { ROOT_CONTEXT, trace, type Span } from '@opentelemetry/api';
import type {
  ParsedInput,
  CleanupReport,
  NodeRunState,
  OrphanProject,
  RunLogLine,
  RunSummary,
} from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import type { Unsubscribe } from '../../shared/ipc/transport';
import { hasErrors, plan, validate, type Topology } from '../../shared/topology';
import { systemClock, type Clock } from '../app/clock';
import type { DockerResources } from '../docker/docker-resources';
import { createCircuitBreaker, Executor, type TargetCircuitBreaker } from '../engine';
import { resourceName } from '../docker/labels';
import { withContext } from '../telemetry/context';
import type { Logger } from '../telemetry/logger';
import type { Telemetry } from '../telemetry/telemetry';
import type { ResourceNames } from './container-options';
import { executeRun } from './execute-run';
import { RunHistory, type HistoryRecord } from './run-history';
import { adoptedState, summaryFromRecords } from './run-records';
import { finishRunSpan, runTracer, startRunSpan, tracedCleanup } from './run-trace';
import { RunWatch } from './run-watch';

export interface RunServiceOptions {
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
}

/** How a start request arrived: the caller's trace context, if any. */
export interface StartOptions {
  traceparent?: string;
}

/** What `runs.start` takes (the contract's input, after validation). */
export type StartRequest = ParsedInput<'runs.start'>;

interface ActiveRun {
  summary: RunSummary;
  controller: AbortController;
  done: Promise<RunSummary>;
  /** The run's root span (runs that execute; adopted ones have none). */
  span?: Span;
  /** Its containers' followed logs and stats, open until cancel, cleanup or a newer run. */
  watch?: RunWatch;
  /** Stops what watches its services (the health monitor), on cancel, cleanup, a newer run, dispose. */
  releases?: Array<() => void>;
}

/** Told when a run has brought its services up; what it returns is called when they are let go. */
export type ServicesUpListener = (run: {
  runId: string;
  project: string;
  topology: Topology;
  /** The services that are running (or healthy). */
  services: string[];
}) => (() => void) | void;

type Listener<T> = (value: T) => void;

export function namesFor(project: string, topology: Topology): ResourceNames {
  const dockerName = (nodeId: string) => {
    const node = topology.spec.nodes[nodeId];
    const explicit =
      node && (node.kind === 'network' || node.kind === 'volume') ? node.dockerName : undefined;
    return explicit ?? resourceName(project, node?.name ?? nodeId);
  };
  return { network: dockerName, volume: dockerName, defaultNetwork: resourceName(project, 'default') };
}

/**
 * Runs topologies on the engine: one run per idempotency key, per-node state as events and in
 * the run history, cancel, cleanup by label, and discovery of resources left by earlier sessions.
 */
export class RunService {
  private readonly runs = new Map<string, ActiveRun>();
  private readonly byKey = new Map<string, string>();
  private readonly history: RunHistory;
  private readonly clock: Clock;
  private readonly nodeListeners = new Set<Listener<NodeRunState & { runId: string }>>();
  private readonly logListeners = new Set<Listener<RunLogLine>>();
  private readonly statusListeners = new Set<Listener<Omit<RunSummary, 'nodes'>>>();
  private readonly upListeners = new Set<ServicesUpListener>();
  private readonly ready: Promise<string[]>;
  private readonly executor: Executor;
  /** One breaker for the engine, shared by every run: a dead engine fails fast. */
  private readonly engineBreaker: TargetCircuitBreaker;
  private offBreaker: (() => void) | undefined;

  constructor(private readonly options: RunServiceOptions) {
    this.history = new RunHistory(options.dataDir);
    this.clock = options.clock ?? systemClock;
    this.executor = new Executor({ concurrency: options.concurrency ?? 8, clock: this.clock });
    this.engineBreaker = createCircuitBreaker({
      name: 'docker-engine',
      consecutiveFailures: 5,
      halfOpenAfterMs: 10_000,
    });
    if (options.telemetry) this.offBreaker = options.telemetry.metrics.observeBreaker(this.engineBreaker);
    // Runs left unfinished by a crashed or killed session are marked as such, once, at start.
    this.ready = this.history.markInterrupted(new Date(this.clock.now())).catch((error: unknown) => {
      options.logger.warn({ err: error }, 'could not read the run history');
      return [];
    });
  }

  onNode(listener: Listener<NodeRunState & { runId: string }>): Unsubscribe {
    this.nodeListeners.add(listener);
    return () => this.nodeListeners.delete(listener);
  }

  onLog(listener: Listener<RunLogLine>): Unsubscribe {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  onServicesUp(listener: ServicesUpListener): Unsubscribe {
    this.upListeners.add(listener);
    return () => this.upListeners.delete(listener);
  }

  /** Appends a record (health, recovery) to a run's history. */
  record(runId: string, record: HistoryRecord): Promise<void> {
    return this.history.append(runId, record);
  }

  /** A run's history records, as written. */
  records(runId: string): Promise<HistoryRecord[]> {
    return this.history.read(runId);
  }

  /** Lets go of the services of the project's runs (their watchers stop). */
  private release(project: string): void {
    for (const run of this.runs.values()) if (run.summary.project === project) this.releaseRun(run);
  }

  private releaseRun(run: ActiveRun): void {
    for (const release of run.releases?.splice(0) ?? []) release();
  }

  private servicesUp(run: ActiveRun, topology: Topology): void {
    const services = Object.values(run.summary.nodes)
      .filter((node) => node.state === 'running' || node.state === 'healthy')
      .map((node) => node.nodeId)
      .filter((id) => topology.spec.nodes[id]?.kind === 'service');
    const { runId, project } = run.summary;
    for (const listener of [...this.upListeners]) {
      const release = listener({ runId, project, topology, services });
      if (release) (run.releases ??= []).push(release);
    }
  }

  onStatus(listener: Listener<Omit<RunSummary, 'nodes'>>): Unsubscribe {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Runs marked interrupted at start-up (their session ended mid-run). */
  interruptedRuns(): Promise<string[]> {
    return this.ready;
  }

  /** The run of this session that is running the project, if any (at most one at a time). */
  private runningRunOf(project: string): ActiveRun | undefined {
    for (const run of this.runs.values()) {
      if (run.summary.project === project && run.summary.state === 'running') return run;
    }
    return undefined;
  }

  /** Records a new run in the history (with this process as its owner) and announces it. */
  private async open(summary: RunSummary): Promise<ActiveRun> {
    const { runId, project, idempotencyKey, startedAt: at, nodes } = summary;
    await this.history.append(runId, {
      type: 'run.started',
      runId,
      project,
      idempotencyKey,
      at,
      nodes: Object.keys(nodes),
      pid: process.pid,
    });
    const active: ActiveRun = { summary, controller: new AbortController(), done: Promise.resolve(summary) };
    this.runs.set(runId, active);
    this.emitStatus(summary);
    return active;
  }

  private newRunId(): string {
    const stamp = new Date(this.clock.now())
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 14);
    return `${stamp}-${randomBytes(3).toString('hex')}`;
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /** Stops following the containers of the project's earlier runs (a newer run follows them). */
  private closeWatches(project: string): void {
    for (const run of this.runs.values()) {
      if (run.summary.project === project && run.summary.state !== 'running') run.watch?.close();
    }
  }

  async start(request: StartRequest, options: StartOptions = {}): Promise<RunSummary> {
    await this.ready;
    const existing = this.byKey.get(request.idempotencyKey);
    if (existing) return this.get(existing);
    const project = request.project ?? request.topology.metadata.name;
    const problems = validate(request.topology);
    if (hasErrors(problems)) {
      throw new ApiError('INVALID_INPUT', 'the topology has errors; fix them before running it', {
        problems: problems.filter((p) => p.severity === 'error').slice(0, 20),
      });
    }
    const planned = plan(request.topology);
    if (!planned.ok)
      throw new ApiError('INVALID_INPUT', 'the topology cannot be planned', { problems: planned.problems });
    const busy = this.runningRunOf(project);
    if (busy) {
      throw new ApiError(
        'CONFLICT',
        `project ${project} is already running (run ${busy.summary.runId}); cancel it first`,
        {
          runId: busy.summary.runId,
        },
      );
    }
    const runId = this.newRunId();
    const at = this.now();
    const nodes = Object.fromEntries(
      Object.keys(request.topology.spec.nodes).map((nodeId) => [
        nodeId,
        { nodeId, state: 'pending' as const, at },
      ]),
    );
    const summary: RunSummary = {
      runId,
      project,
      idempotencyKey: request.idempotencyKey,
      state: 'running',
      startedAt: at,
      nodes,
    };
    this.byKey.set(request.idempotencyKey, runId);
    const span = startRunSpan(runTracer(this.options.telemetry), project, runId, options.traceparent);
    this.options.telemetry?.metrics.runsStarted.inc();
    this.closeWatches(project);
    this.release(project);
    const active = await this.open(summary);
    active.span = span;
    active.done = this.execute(active, request, planned.plan);
    return structuredClone(summary);
  }

  private async execute(
    run: ActiveRun,
    request: StartRequest,
    deployment: Parameters<typeof executeRun>[0]['plan'],
  ): Promise<RunSummary> {
    const { summary, controller } = run;
    const { topology } = request;
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
      onLog: (line) => {
        for (const listener of [...this.logListeners]) listener(line);
      },
    });
    run.watch = watch;
    const startedAt = performance.now();
    const outcome = await withContext(parent, () =>
      executeRun({
        topology,
        plan: deployment,
        project: summary.project,
        runId: summary.runId,
        names: namesFor(summary.project, topology),
        ...(request.baseDir ? { baseDir: request.baseDir } : {}),
        resources: this.options.resources,
        env: this.options.env ?? {},
        signal: controller.signal,
        executor: this.executor,
        breaker: this.engineBreaker,
        onNode: (state) => this.recordNode(run, state),
        onLog: (nodeId, stream, text) => watch.pump.push(nodeId, stream, text, this.now()),
        watch,
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
    summary.state = controller.signal.aborted ? 'cancelled' : outcome;
    summary.finishedAt = this.now();
    // The run's output so far goes out before its final status; a cancelled run stops following.
    if (summary.state === 'cancelled') watch.close();
    else watch.drain();
    finishRunSpan(span, summary, telemetry, startedAt);
    logger.info({ state: summary.state }, 'run finished');
    await this.history.append(summary.runId, {
      type: 'run.finished',
      at: summary.finishedAt,
      state: summary.state,
    });
    this.emitStatus(summary);
    if (summary.state !== 'cancelled') this.servicesUp(run, topology);
    return structuredClone(summary);
  }

  private recordNode(run: ActiveRun, state: NodeRunState): void {
    run.summary.nodes[state.nodeId] = state;
    void this.history.append(run.summary.runId, { type: 'node', ...state }).catch(() => undefined);
    const event = { runId: run.summary.runId, ...state };
    for (const listener of [...this.nodeListeners]) listener(event);
  }

  private emitStatus(summary: RunSummary): void {
    const { nodes: _nodes, ...status } = summary;
    for (const listener of [...this.statusListeners]) listener({ ...status });
  }

  /** Resolves with the final summary when the run ends. */
  async wait(runId: string): Promise<RunSummary> {
    const run = this.runs.get(runId);
    if (!run) return this.get(runId);
    return run.done;
  }

  async cancel(runId: string): Promise<RunSummary> {
    const run = this.runs.get(runId);
    if (!run) return this.get(runId);
    if (run.summary.state === 'running')
      run.controller.abort(new ApiError('CANCELLED', 'the run was cancelled'));
    else this.releaseRun(run);
    return run.done;
  }

  async get(runId: string): Promise<RunSummary> {
    const run = this.runs.get(runId);
    if (run) return structuredClone(run.summary);
    const summary = summaryFromRecords(await this.history.read(runId));
    if (!summary) throw new ApiError('NOT_FOUND', `no run ${runId}`);
    return summary;
  }

  /** Every run in the history, newest first; runs of this session as they are now. */
  async list(): Promise<RunSummary[]> {
    return (await this.history.readAll())
      .map(({ summary, records }) => this.runs.get(summary.runId)?.summary ?? summaryFromRecords(records)!)
      .map((summary) => structuredClone(summary));
  }

  /** Stops and removes everything labeled with the project, from this session or an earlier one. */
  async cleanup(project: string, onRemoved?: (what: string, error?: string) => void): Promise<CleanupReport> {
    const running = this.runningRunOf(project);
    if (running) {
      running.controller.abort(new ApiError('CANCELLED', 'cleaned up'));
      await running.done;
    }
    this.closeWatches(project);
    this.release(project);
    const report = await tracedCleanup(runTracer(this.options.telemetry), project, () =>
      this.options.resources.cleanupProject(project, 10, onRemoved),
    );
    return { project, ...report };
  }

  /**
   * Takes over the resources an earlier (crashed) session left, as a run of this session: its
   * nodes show the state their containers are in, and `cancel` or `cleanup` end it.
   */
  async adopt(project: string): Promise<RunSummary> {
    await this.ready;
    const running = this.runningRunOf(project);
    if (running) return structuredClone(running.summary);
    const resources = await this.options.resources.listProject(project);
    const total = resources.containers.length + resources.networks.length + resources.volumes.length;
    if (total === 0) throw new ApiError('NOT_FOUND', `nothing of project ${project} is on the engine`);
    const at = this.now();
    const nodes: RunSummary['nodes'] = {};
    for (const resource of [...resources.networks, ...resources.volumes]) {
      if (resource.node)
        nodes[resource.node] = { nodeId: resource.node, state: 'completed', at, action: 'adopted' };
    }
    for (const container of resources.containers) {
      if (!container.node || nodes[container.node]?.state === 'running') continue;
      const state = adoptedState(container.state, container.status, container.kind);
      nodes[container.node] = { nodeId: container.node, state, at, action: 'adopted' };
    }
    const runId = this.newRunId();
    const idempotencyKey = `adopt-${runId}`;
    const summary: RunSummary = { runId, project, idempotencyKey, state: 'running', startedAt: at, nodes };
    const active = await this.open(summary);
    for (const state of Object.values(nodes)) this.recordNode(active, state);
    // Nothing executes: the run lasts until it is cancelled or cleaned up.
    active.done = new Promise<RunSummary>((resolve) => {
      active.controller.signal.addEventListener('abort', () => {
        summary.state = 'cancelled';
        summary.finishedAt = this.now();
        void this.history
          .append(runId, { type: 'run.finished', at: summary.finishedAt, state: 'cancelled' })
          .finally(() => {
            this.emitStatus(summary);
            resolve(structuredClone(summary));
          });
      });
    });
    return structuredClone(summary);
  }

  /** Projects with labeled resources on the engine that no run of this session owns. */
  async orphans(): Promise<OrphanProject[]> {
    const live = new Set([...this.runs.values()].map((run) => run.summary.project));
    const projects = (await this.options.resources.listProjects()).filter((project) => !live.has(project));
    return Promise.all(
      projects.map(async (project) => {
        const resources = await this.options.resources.listProject(project);
        const runIds = [
          ...new Set(
            [...resources.containers, ...resources.networks, ...resources.volumes]
              .map((r) => r.run)
              .filter(Boolean),
          ),
        ];
        return {
          project,
          containers: resources.containers.length,
          networks: resources.networks.length,
          volumes: resources.volumes.length,
          runIds: runIds.sort(),
        };
      }),
    );
  }

  /** Cancels what runs and waits for it, so nothing is left half-started. */
  async dispose(): Promise<void> {
    const running = [...this.runs.values()].filter((run) => run.summary.state === 'running');
    for (const run of running) run.controller.abort(new ApiError('CANCELLED', 'the app is closing'));
    await Promise.all(running.map((run) => run.done));
    for (const run of this.runs.values()) run.watch?.close();
    for (const run of this.runs.values()) this.releaseRun(run);
    this.offBreaker?.();
  }
}
