import type { SpanData } from '../../../shared/ipc/contract';

/** Traces kept; the one seen first goes when another comes. */
export const MAX_TRACES = 20;
/** Spans kept per trace; beyond, new ones are counted in `droppedSpans`, not kept. */
export const MAX_SPANS_PER_TRACE = 10_000;

export interface TraceEntry {
  readonly traceId: string;
  /** By spanId: a span arrives when it opens and again, replacing itself, when it ends. */
  readonly spans: ReadonlyMap<string, SpanData>;
  /** The run the trace belongs to, from the first span that names one. */
  readonly runId?: string;
  /** What the trace picker shows: the run's root span, else the earliest span without a parent. */
  readonly label: string;
  readonly startTime: number;
  /** Spans still open (no endTime). */
  readonly openSpans: number;
  readonly droppedSpans: number;
}

function labelOf(spans: ReadonlyMap<string, SpanData>): { label: string; startTime: number } {
  let root: SpanData | undefined;
  let run: SpanData | undefined;
  let startTime = Number.POSITIVE_INFINITY;
  for (const span of spans.values()) {
    startTime = Math.min(startTime, span.startTime);
    if (span.runId && (!run || span.startTime < run.startTime)) run = span;
    const orphan = !span.parentSpanId || !spans.has(span.parentSpanId);
    if (orphan && (!root || span.startTime < root.startTime)) root = span;
  }
  return { label: (run ?? root)?.name ?? 'trace', startTime };
}

function entryOf(
  traceId: string,
  spans: Map<string, SpanData>,
  runId: string | undefined,
  droppedSpans: number,
): TraceEntry {
  let openSpans = 0;
  for (const span of spans.values()) if (span.endTime === undefined) openSpans++;
  return { traceId, spans, ...(runId ? { runId } : {}), ...labelOf(spans), openSpans, droppedSpans };
}

/**
 * Folds a batch of spans into the kept traces, immutably: each trace the batch touches gets a new
 * entry (its span map copied once per batch), the others keep their identity so React skips them.
 * A span replaces the one with its spanId, except that an ended span is never replaced by an open
 * copy that arrived late. Returns the traces oldest first, at most MAX_TRACES.
 */
export function applySpanBatch(traces: readonly TraceEntry[], batch: readonly SpanData[]): TraceEntry[] {
  if (batch.length === 0) return traces as TraceEntry[];
  const byTrace = new Map<string, SpanData[]>();
  for (const span of batch) {
    let list = byTrace.get(span.traceId);
    if (!list) byTrace.set(span.traceId, (list = []));
    list.push(span);
  }
  const next = [...traces];
  for (const [traceId, spans] of byTrace) {
    const index = next.findIndex((trace) => trace.traceId === traceId);
    const current = index >= 0 ? next[index] : undefined;
    const map = new Map(current?.spans);
    let runId = current?.runId;
    let dropped = current?.droppedSpans ?? 0;
    for (const span of spans) {
      const known = map.get(span.spanId);
      if (known?.endTime !== undefined && span.endTime === undefined) continue;
      if (!known && map.size >= MAX_SPANS_PER_TRACE) {
        dropped++;
        continue;
      }
      map.set(span.spanId, span);
      runId ??= span.runId;
    }
    const entry = entryOf(traceId, map, runId, dropped);
    if (index >= 0) next[index] = entry;
    else next.push(entry);
  }
  return next.length > MAX_TRACES ? next.slice(next.length - MAX_TRACES) : next;
}
