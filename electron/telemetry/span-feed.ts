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
  private queue: Array<{ span: ReadableSpan; ended: boolean }> = [];
  private head = 0;
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

  onStart(span: Span, _parentContext: Context): void {
    const runId = span.attributes[ATTR.runId];
    const traceId = span.spanContext().traceId;
    if (typeof runId === 'string' && !this.traceRuns.has(traceId)) {
      this.traceRuns.set(traceId, runId);
      // Bounded: the oldest trace is forgotten first.
      if (this.traceRuns.size > 256) this.traceRuns.delete(this.traceRuns.keys().next().value!);
    }
    this.enqueue(span, false);
  }

  onEnd(span: ReadableSpan): void {
    this.enqueue(span, true);
  }

  private enqueue(span: ReadableSpan, ended: boolean): void {
    if (this.closed) return;
    if (this.queue.length - this.head >= this.maxQueue) {
      this.head++;
      this.dropped++;
      this.droppedTotal++;
      this.options.onDropped?.(1);
    }
    this.queue.push({ span, ended });
    if (!this.timer) {
      this.timer = this.clock.setTimeout(() => this.flush(), this.intervalMs);
      this.timer.unref?.();
    }
  }

  /** Sends what is queued now, in batches of at most `maxBatch`. */
  flush(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const end = Math.min(this.queue.length, this.head + this.maxBatch);
    if (end === this.head && this.dropped === 0) return;
    const batch: SpanData[] = [];
    for (let index = this.head; index < end; index++) {
      const { span, ended } = this.queue[index]!;
      // An opening that is already over is told by its end record, which follows it.
      if (!ended && span.ended) continue;
      const own = span.attributes[ATTR.runId];
      const runId = typeof own === 'string' ? own : this.traceRuns.get(span.spanContext().traceId);
      batch.push(this.secrets.maskDeep(toSpanData(span, ended, runId)));
    }
    this.head = end;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 4096) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    const dropped = this.dropped;
    this.dropped = 0;
    if (batch.length > 0 || dropped > 0) this.options.sink({ spans: batch, dropped });
    if (this.queue.length > this.head && !this.closed) {
      this.timer = this.clock.setTimeout(() => this.flush(), this.intervalMs);
      this.timer.unref?.();
    }
  }

  forceFlush(): Promise<void> {
    while (this.queue.length > this.head) this.flush();
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    void this.forceFlush();
    this.closed = true;
    return Promise.resolve();
  }
}
