import {
  HISTORY_DEFAULTS,
  type HistoryLimits,
  type KeptLogLine,
  type RunLogLine,
  type SpanData,
} from '../../shared/ipc/contract';
import type { Clock, Timer } from '../common/clock';
import type { Logger } from '../common/logger';
import { removeRuns, runsToPrune } from './history-prune';
import type { HistoryRecord, RunHistory } from './run-history';
import { RunLogTail } from './run-log-tail';
import { RunRequestStore, type KeptRequest } from './run-request-store';
import { RunSidecars } from './run-sidecars';
import { RunSpanKeeper } from './run-spans';

export interface RunArchiveOptions {
  dataDir: string;
  history: RunHistory;
  clock: Clock;
  logger: Logger;
  /** How much history to keep (the settings' `history`); the defaults without it. */
  limits?: () => Promise<HistoryLimits> | HistoryLimits;
}

/** The live feed delivers a run's last spans within a few hundred milliseconds of its end. */
const SPANS_SETTLE_MS = 1_500;

/**
 * What the run history keeps besides node states, and how long: each run's request (what a rerun
 * runs), the tail of its logs and its trace; runs past the limits are pruned after each run.
 */
export class RunArchive {
  readonly requests: RunRequestStore;
  readonly spans: RunSpanKeeper;
  private readonly tail = new RunLogTail();
  private pruning: Promise<void> = Promise.resolve();
  private readonly timers = new Set<Timer>();

  constructor(private readonly options: RunArchiveOptions) {
    const files = new RunSidecars(options.dataDir);
    this.requests = new RunRequestStore(files);
    this.spans = new RunSpanKeeper(files);
  }

  /** A run started: its lines are kept from now, and its request beside its history. */
  opened(runId: string, request: KeptRequest): void {
    this.tail.open(runId);
    this.requests.write(runId, request).catch((error: unknown) => {
      this.options.logger.warn({ err: error, runId }, 'could not keep the run request');
    });
  }

  log(line: RunLogLine): void {
    this.tail.push(line);
  }

  addSpans(spans: readonly SpanData[]): void {
    this.spans.add(spans);
  }

  /**
   * A run ended: the tail of its logs goes into its history, its trace beside it once the feed
   * has delivered the last spans, and runs past the limits are pruned.
   */
  async ended(runId: string, record: (record: HistoryRecord) => Promise<void>): Promise<void> {
    const lines = this.tail.take(runId);
    const at = new Date(this.options.clock.now()).toISOString();
    if (lines.length > 0) await record({ type: 'logs', at, lines }).catch(() => undefined);
    const timer = this.options.clock.setTimeout(() => {
      this.timers.delete(timer);
      void this.spans.flush(runId);
    }, SPANS_SETTLE_MS);
    this.timers.add(timer);
    void this.prune();
  }

  /** The kept tail of a run's logs: as recorded, or so far for a run still going. */
  logsOf(records: readonly HistoryRecord[]): KeptLogLine[] {
    const kept = records.findLast((r): r is Extract<HistoryRecord, { type: 'logs' }> => r.type === 'logs');
    return kept?.lines ?? [];
  }

  /**
   * Removes the runs past the limits (`given`, else the configured ones), one pruning at a time;
   * never throws. Resolves with the runs removed.
   */
  prune(given?: HistoryLimits): Promise<string[]> {
    let removed: string[] = [];
    this.pruning = this.pruning.then(async () => {
      try {
        const limits = given ??
          (await this.options.limits?.()) ?? {
            maxRuns: HISTORY_DEFAULTS.maxRuns,
            maxAgeDays: HISTORY_DEFAULTS.maxAgeDays,
          };
        const gone = runsToPrune(await this.options.history.list(), limits, this.options.clock.now());
        if (gone.length > 0) {
          await removeRuns(this.options.dataDir, gone);
          this.options.logger.info({ runs: gone.length }, 'pruned run history');
        }
        removed = gone;
      } catch (error) {
        this.options.logger.warn({ err: error }, 'could not prune the run history');
      }
    });
    return this.pruning.then(() => removed);
  }

  /** Stops waiting for spans (they stay held for `flush`) and lets pruning finish. */
  async settle(): Promise<void> {
    for (const timer of this.timers) this.options.clock.clearTimeout(timer);
    this.timers.clear();
    await this.pruning;
  }

  /** Writes what is still held (spans of runs that just ended) and lets pruning finish. */
  async flush(): Promise<void> {
    await this.settle();
    await this.spans.flushAll();
  }
}
