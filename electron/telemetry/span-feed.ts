import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanData, TelemetrySpans } from '../../shared/ipc/contract';
import { toSpanData } from '../../shared/telemetry/span-data';
import { systemClock, type Clock, type Timer } from '../common/clock';
import { processSecrets, type SecretValues } from '../common/secret-values';
import { ATTR } from './names';

export interface SpanFeedOptions {
  /** Receives each batch; normally the event hub (`telemetry.spans`). */
  sink: (batch: TelemetrySpans) => void;
  clock?: Clock;
  /** How often a batch goes out while spans are waiting. */
  intervalMs?: number;
  /** Spans held at most; beyond, the oldest are dropped and counted. */
  maxQueue?: number;
  /** Spans per batch at most; the rest go in the next one. */
  maxBatch?: number;
  onDropped?: (count: number) => void;
  /** Secret values masked in what goes out (the process's registry by default). */
  secrets?: SecretValues;
}

/**
 * A span processor that streams spans to the renderer in batches: each span once when it opens
 * (so the waterfall can draw a growing bar) and again when it ends. The queue is bounded; what
 * overflows is counted in the next batch's `dropped`, never lost silently. Spans are turned into
 * data (with known secret values masked) when the batch goes out, not on the hot path.
 */
export class SpanFeedProcessor implements SpanProcessor {
  /*
   * Two queues, no wrapper object per record: spans that opened, spans that ended. An opening is
   * only worth sending while its span is open (the end record carries everything), so openings are
   * the first to go when the feed overflows, and an opening whose span has ended by the time the
   * batch goes out is left out.
   */
  private opened: Span[] = [];
  private ended: ReadableSpan[] = [];
  private openedHead = 0;
  private endedHead = 0;
  private dropped = 0;
  private droppedTotal = 0;
  private timer: Timer | undefined;
  private closed = false;
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly maxQueue: number;
  private readonly maxBatch: number;
  private readonly secrets: SecretValues;
  /** Which run each recent trace belongs to, so every span of it carries the run id. */
  private readonly traceRuns = new Map<string, string>();

  constructor(private readonly options: SpanFeedOptions) {
    this.clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs ?? 200;
    this.maxQueue = options.maxQueue ?? 20_000;
    this.maxBatch = options.maxBatch ?? 5_000;
    this.secrets = options.secrets ?? processSecrets;
  }

  /** Spans dropped since the feed started. */
  get droppedSpans(): number {
    return this.droppedTotal;
  }

  private get queued(): number {
    return this.opened.length - this.openedHead + this.ended.length - this.endedHead;
  }

  onStart(span: Span, _parentContext: Context): void {
    if (this.closed) return;
    const runId = span.attributes[ATTR.runId];
    if (typeof runId === 'string') {
      const traceId = span.spanContext().traceId;
      if (!this.traceRuns.has(traceId)) {
        this.traceRuns.set(traceId, runId);
        // Bounded: the oldest trace is forgotten first.
        if (this.traceRuns.size > 256) this.traceRuns.delete(this.traceRuns.keys().next().value!);
      }
    }
    this.makeRoom();
    this.opened.push(span);
    this.schedule();
  }

  onEnd(span: ReadableSpan): void {
    if (this.closed) return;
    this.makeRoom();
    this.ended.push(span);
    this.schedule();
  }

  /** At the bound, the oldest opening goes (else the oldest end), counted as dropped. */
  private makeRoom(): void {
    if (this.queued < this.maxQueue) return;
    if (this.opened.length > this.openedHead) this.opened[this.openedHead++] = undefined as never;
    else this.ended[this.endedHead++] = undefined as never;
    this.dropped++;
    this.droppedTotal++;
    this.options.onDropped?.(1);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = this.clock.setTimeout(() => this.flush(), this.intervalMs);
    this.timer.unref?.();
  }

  /** Sends what is queued now, in batches of at most `maxBatch` (openings first, then ends). */
  flush(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queued === 0 && this.dropped === 0) return;
    const batch: SpanData[] = [];
    while (this.openedHead < this.opened.length && batch.length < this.maxBatch) {
      const span = this.opened[this.openedHead++];
      // A dropped opening is a hole; one that is already over is told by its end record.
      if (span && !span.ended) batch.push(this.data(span, false));
    }
    while (this.endedHead < this.ended.length && batch.length < this.maxBatch) {
      const span = this.ended[this.endedHead++];
      if (span) batch.push(this.data(span, true));
    }
    [this.opened, this.openedHead] = compact(this.opened, this.openedHead);
    [this.ended, this.endedHead] = compact(this.ended, this.endedHead);
    const dropped = this.dropped;
    this.dropped = 0;
    if (batch.length > 0 || dropped > 0) this.options.sink({ spans: batch, dropped });
    if (this.queued > 0 && !this.closed) this.schedule();
  }

  private data(span: ReadableSpan, ended: boolean): SpanData {
    const own = span.attributes[ATTR.runId];
    const runId = typeof own === 'string' ? own : this.traceRuns.get(span.spanContext().traceId);
    return this.secrets.maskDeep(toSpanData(span, ended, runId));
  }

  forceFlush(): Promise<void> {
    while (this.queued > 0) this.flush();
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    void this.forceFlush();
    this.closed = true;
    return Promise.resolve();
  }
}

/** A queue with its sent head cut off once that head is long (or the queue is empty). */
function compact<T>(queue: T[], head: number): [T[], number] {
  if (head === queue.length) return [[], 0];
  if (head > 4096) return [queue.slice(head), 0];
  return [queue, head];
}
