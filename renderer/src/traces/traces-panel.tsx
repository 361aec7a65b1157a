import { useCallback, useId, useMemo, useState } from 'react';
import type { AppState } from '../store/app-store';
import { useAppStore } from '../store/store-context';
import type { TraceEntry } from '../store/trace-buffer';
import { SpanDetails } from './span-details';
import { useNow } from './use-now';
import { Waterfall } from './waterfall';
import {
  buildSpanTree,
  formatDuration,
  layoutWaterfall,
  spanEnd,
  traceWindow,
  type TimeWindow,
} from './waterfall-layout';
import './traces.css';

const selectTraces = (s: AppState) => s.traces;
const selectRunId = (s: AppState) => s.run?.runId;
const selectSpansDropped = (s: AppState) => s.spansDropped;

/** The trace shown when none is picked: the current run's, else the one that started last. */
export function defaultTrace(
  traces: readonly TraceEntry[],
  runId: string | undefined,
): TraceEntry | undefined {
  if (runId) {
    const ofRun = traces.findLast((trace) => trace.runId === runId);
    if (ofRun) return ofRun;
  }
  let latest: TraceEntry | undefined;
  for (const trace of traces) if (!latest || trace.startTime >= latest.startTime) latest = trace;
  return latest;
}

function traceOption(trace: TraceEntry): string {
  const time = new Date(trace.startTime).toLocaleTimeString();
  return `${trace.label} · ${time}${trace.openSpans > 0 ? ' · running' : ''}`;
}

/**
 * The run's trace as a waterfall that fills in live: spans nested by parent, bars on a time axis,
 * open spans growing to now. Pick another trace, fold subtrees, zoom to a span, see its details.
 */
const selectTelemetryStatus = (s: AppState) => s.telemetryStatus;

/** Where spans also go (OTLP), and whether that works: failures never stop a run, but they show. */
function ExportStatus() {
  const status = useAppStore(selectTelemetryStatus);
  if (!status?.export.enabled) return null;
  const { protocol, url, state, exportedSpans, failedBatches, lastError } = status.export;
  const failing = state === 'failing';
  return (
    <span
      className={failing ? 'traces__export traces__export--failing' : 'traces__export'}
      data-testid="export-status"
      title={failing && lastError ? `Last error: ${lastError}` : url}
      role={failing ? 'status' : undefined}
    >
      OTLP {protocol}: {failing ? `failing (${failedBatches} failed batches)` : `${exportedSpans} spans sent`}
    </span>
  );
}

export function TracesPanel() {
  const traces = useAppStore(selectTraces);
  const runId = useAppStore(selectRunId);
  const spansDropped = useAppStore(selectSpansDropped);
  const [picked, setPicked] = useState<string | null>(null);
  const [zoom, setZoom] = useState<{ traceId: string; window: TimeWindow } | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const pickerId = useId();

  const trace =
    (picked !== null ? traces.find((t) => t.traceId === picked) : undefined) ?? defaultTrace(traces, runId);
  const now = useNow((trace?.openSpans ?? 0) > 0);
  const roots = useMemo(() => (trace ? buildSpanTree(trace.spans.values()) : []), [trace]);
  const fullWindow = useMemo(
    () => (trace ? traceWindow(trace.spans.values(), now) : { start: now, end: now + 1 }),
    [trace, now],
  );
  const timeWindow = zoom && zoom.traceId === trace?.traceId ? zoom.window : fullWindow;
  const rows = useMemo(
    () => layoutWaterfall(roots, { window: timeWindow, now, collapsed }),
    [roots, timeWindow, now, collapsed],
  );
  const selectedSpan = selected !== null ? trace?.spans.get(selected) : undefined;

  const onToggle = useCallback(
    (spanId: string) =>
      setCollapsed((current) => {
        const next = new Set(current);
        if (next.has(spanId)) next.delete(spanId);
        else next.add(spanId);
        return next;
      }),
    [],
  );
  const zoomTo = useCallback(
    (spanId: string) => {
      const span = trace?.spans.get(spanId);
      if (!trace || !span) return;
      const end = spanEnd(span, Date.now());
      // A little air either side, so the span's bar does not touch the edges.
      const pad = Math.max((end - span.startTime) * 0.02, 0.05);
      setZoom({ traceId: trace.traceId, window: { start: span.startTime - pad, end: end + pad } });
      setSelected(spanId);
    },
    [trace],
  );

  if (!trace) {
    return (
      <div className="traces">
        <p className="traces__empty">
          No traces yet: run the topology and its trace fills in here as it goes.
        </p>
      </div>
    );
  }
  const zoomed = timeWindow !== fullWindow;
  return (
    <div className="traces">
      <div className="traces__bar" role="toolbar" aria-label="Trace controls">
        <span className="traces__field">
          <label htmlFor={pickerId}>Trace</label>
          <select
            id={pickerId}
            value={picked ?? ''}
            onChange={(event) => {
              setPicked(event.target.value || null);
              setSelected(null);
              setZoom(null);
            }}
          >
            <option value="">Latest run</option>
            {[...traces].reverse().map((t) => (
              <option key={t.traceId} value={t.traceId}>
                {traceOption(t)}
              </option>
            ))}
          </select>
        </span>
        <span className="traces__summary" data-testid="trace-summary">
          {trace.spans.size} spans · {formatDuration(fullWindow.end - fullWindow.start)}
          {trace.openSpans > 0 ? ` · ${trace.openSpans} running` : ''}
        </span>
        {trace.droppedSpans + spansDropped > 0 && (
          <span className="traces__dropped">{trace.droppedSpans + spansDropped} spans dropped</span>
        )}
        <ExportStatus />
        <span className="traces__spacer" />
        {zoomed && (
          <button type="button" className="traces__button" onClick={() => setZoom(null)}>
            Reset zoom
          </button>
        )}
      </div>
      <div className="traces__body">
        <Waterfall
          rows={rows}
          window={timeWindow}
          selectedSpanId={selected}
          onSelect={setSelected}
          onToggle={onToggle}
          onZoom={zoomTo}
        />
        {selectedSpan && (
          <SpanDetails
            span={selectedSpan}
            now={now}
            onZoom={() => zoomTo(selectedSpan.spanId)}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
    </div>
  );
}
