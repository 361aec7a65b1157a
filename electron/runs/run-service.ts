import { randomBytes } from 'node:crypto';
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
import type { Logger } from '../telemetry/logger';
import type { ResourceNames } from './container-options';
import { executeRun } from './execute-run';
import { RunHistory, type HistoryRecord } from './run-history';

export interface RunServiceOptions {
  resources: DockerResources;
  dataDir: string;
  logger: Logger;
  clock?: Clock;
  /** Variables for `null` environment values in the topology. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Parallel Docker operations per run. */
  concurrency?: number;
}

/** What `runs.start` takes (the contract's input, after validation). */
export type StartRequest = ParsedInput<'runs.start'>;

interface ActiveRun {
  summary: RunSummary;
  controller: AbortController;
  done: Promise<RunSummary>;
}

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
  private readonly ready: Promise<string[]>;
  private readonly executor: Executor;
  /** One breaker for the engine, shared by every run: a dead engine fails fast. */
  private readonly engineBreaker: TargetCircuitBreaker;

  constructor(private readonly options: RunServiceOptions) {
    this.history = new RunHistory(options.dataDir);
    this.clock = options.clock ?? systemClock;
    this.executor = new Executor({ concurrency: options.concurrency ?? 8, clock: this.clock });
    this.engineBreaker = createCircuitBreaker({
      name: 'docker-engine',
      consecutiveFailures: 5,
      halfOpenAfterMs: 10_000,
    });
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

  async start(request: StartRequest): Promise<RunSummary> {
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
    const active = await this.open(summary);
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
    const outcome = await executeRun({
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
      onLog: (nodeId, stream, text) => {
        const line: RunLogLine = { runId: summary.runId, nodeId, stream, text, at: this.now() };
        for (const listener of [...this.logListeners]) listener(line);
      },
    }).catch((error: unknown) => {
      this.options.logger.error({ err: error, runId: summary.runId }, 'run crashed');
      return 'failed' as const;
    });
    summary.state = controller.signal.aborted ? 'cancelled' : outcome;
    summary.finishedAt = this.now();
    await this.history.append(summary.runId, {
      type: 'run.finished',
      at: summary.finishedAt,
      state: summary.state,
    });
    this.emitStatus(summary);
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
    const report = await this.options.resources.cleanupProject(project, 10, onRemoved);
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
  }
}

/** What an adopted container's engine state means as a node state. */
function adoptedState(state: string | undefined, status: string, kind: string): NodeRunState['state'] {
  if (state === 'running') return /\(healthy\)/.test(status) ? 'healthy' : 'running';
  const exit = /Exited \((\d+)\)/.exec(status);
  if (exit) return exit[1] === '0' && kind === 'job' ? 'completed' : 'failed';
  return 'pending';
}

/** A run as its history tells it: the summary plus each node's last recorded state. */
function summaryFromRecords(records: readonly HistoryRecord[]): RunSummary | undefined {
  const base = RunHistory.summarize(records);
  if (!base) return undefined;
  const { pid: _pid, ...summary } = base;
  const nodes: RunSummary['nodes'] = {};
  for (const record of records) {
    if (record.type === 'node') {
      const { type: _type, ...state } = record;
      nodes[record.nodeId] = state as unknown as NodeRunState;
    }
  }
  return { ...summary, nodes };
}
