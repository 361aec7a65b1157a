import { randomBytes } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import type { NodeRunState, RunSummary } from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { RunEvents } from './run-events';
import { RunHistory, type HistoryRecord } from './run-history';
import { summaryFromRecords } from './run-records';
import type { RunWatch } from './run-watch';

type FinalState = 'succeeded' | 'failed' | 'cancelled';

/** A run of this session. */
export interface ActiveRun {
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

/**
 * The runs of this session and the history on disk: opening a run, recording its nodes and its
 * end, finding a run by id, listing runs, and letting a project's runs go.
 */
export class RunRegistry {
  private readonly runs = new Map<string, ActiveRun>();
  readonly history: RunHistory;
  /** Runs marked interrupted at start-up (their session ended mid-run). */
  readonly ready: Promise<string[]>;

  constructor(
    dataDir: string,
    private readonly clock: Clock,
    private readonly events: RunEvents,
    logger: Logger,
  ) {
    this.history = new RunHistory(dataDir);
    // Runs left unfinished by a crashed or killed session are marked as such, once, at start.
    this.ready = this.history.markInterrupted(new Date(this.clock.now())).catch((error: unknown) => {
      logger.warn({ err: error }, 'could not read the run history');
      return [];
    });
  }

  now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  newRunId(): string {
    const stamp = new Date(this.clock.now())
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 14);
    return `${stamp}-${randomBytes(3).toString('hex')}`;
  }

  active(runId: string): ActiveRun | undefined {
    return this.runs.get(runId);
  }

  all(): ActiveRun[] {
    return [...this.runs.values()];
  }

  /** The run of this session that is running the project, if any (at most one at a time). */
  runningRunOf(project: string): ActiveRun | undefined {
    return this.all().find((run) => run.summary.project === project && run.summary.state === 'running');
  }

  /** Records a new run in the history (with this process as its owner) and announces it. */
  async open(summary: RunSummary): Promise<ActiveRun> {
    const { runId, project, idempotencyKey, startedAt: at, nodes } = summary;
    await this.history.append(runId, {
      type: 'run.started',
      runId,
      project,
      idempotencyKey,
      at,
      nodes: Object.keys(nodes),
      pid: process.pid,
      ...(summary.trigger && summary.trigger !== 'manual' ? { trigger: summary.trigger } : {}),
      ...(summary.rerun ? { rerun: summary.rerun } : {}),
    });
    const active: ActiveRun = { summary, controller: new AbortController(), done: Promise.resolve(summary) };
    this.runs.set(runId, active);
    this.events.status(summary);
    return active;
  }

  recordNode(run: ActiveRun, state: NodeRunState): void {
    run.summary.nodes[state.nodeId] = state;
    void this.history.append(run.summary.runId, { type: 'node', ...state }).catch(() => undefined);
    this.events.node({ runId: run.summary.runId, ...state });
  }

  /** Marks the run ended now, in `state` (recorded by `recordEnd`). */
  end(run: ActiveRun, state: FinalState): void {
    run.summary.state = state;
    run.summary.finishedAt = this.now();
  }

  /** Records the run's end (as `end` marked it) in the history and announces it. */
  async recordEnd(run: ActiveRun): Promise<void> {
    const { summary } = run;
    const state = summary.state;
    if (state === 'running' || state === 'interrupted') throw new Error(`run ${summary.runId} has not ended`);
    await this.history.append(summary.runId, {
      type: 'run.finished',
      at: summary.finishedAt ?? this.now(),
      state,
    });
    this.events.status(summary);
  }

  /** Appends a record (health, recovery) to a run's history. */
  record(runId: string, record: HistoryRecord): Promise<void> {
    return this.history.append(runId, record);
  }

  records(runId: string): Promise<HistoryRecord[]> {
    return this.history.read(runId);
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

  /** Lets go of the services of the project's runs (their watchers stop). */
  release(project: string): void {
    for (const run of this.runs.values()) if (run.summary.project === project) this.releaseRun(run);
  }

  releaseRun(run: ActiveRun): void {
    for (const release of run.releases?.splice(0) ?? []) release();
  }

  /** Stops following the containers of the project's earlier runs (a newer run follows them). */
  closeWatches(project: string): void {
    for (const run of this.runs.values()) {
      if (run.summary.project === project && run.summary.state !== 'running') run.watch?.close();
    }
  }
}
