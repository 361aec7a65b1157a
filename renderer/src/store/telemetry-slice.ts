import type { StateCreator } from 'zustand';
import type { RunLogLine, TelemetrySpans, TelemetryStatus } from '../../../shared/ipc/contract';
import { LogBuffer, LOG_LINES_PER_NODE, type LogStream } from './log-buffer';
import { applySpanBatch, type TraceEntry } from './trace-buffer';

/** What the Logs panel shows; kept here so it survives switching tabs. */
export interface LogFilterState {
  /** One node, or null for all. */
  readonly nodeId: string | null;
  readonly streams: ReadonlySet<LogStream>;
  readonly query: string;
}

export interface TelemetrySlice {
  /** Container logs by node. Mutable: subscribe to `logsVersion` and read from it. */
  logs: LogBuffer;
  /** Changes whenever `logs` does (once per flushed batch, so at most once per frame). */
  logsVersion: number;
  /** Traces kept, oldest first (see trace-buffer.ts). */
  traces: readonly TraceEntry[];
  /** Spans the main side's feed reported dropped, since the window opened. */
  spansDropped: number;
  logFilter: LogFilterState;
  setLogFilter: (change: Partial<LogFilterState>) => void;
  appendLogs: (lines: readonly RunLogLine[]) => void;
  clearLogs: () => void;
  /** The settings' log buffer size: lines kept per node. */
  setLogCapacity: (linesPerNode: number) => void;
  applySpans: (batch: TelemetrySpans) => void;
  /** The main side's tracing status: OTLP export on or off, and how it fares. */
  telemetryStatus: TelemetryStatus | null;
  setTelemetryStatus: (status: TelemetryStatus) => void;
}

export const createTelemetrySlice =
  (options: { logLinesPerNode?: number } = {}): StateCreator<TelemetrySlice, [], [], TelemetrySlice> =>
  (set, get) => ({
    logs: new LogBuffer(options.logLinesPerNode ?? LOG_LINES_PER_NODE),
    logsVersion: 0,
    traces: [],
    spansDropped: 0,
    telemetryStatus: null,
    setTelemetryStatus: (telemetryStatus) => set({ telemetryStatus }),
    logFilter: { nodeId: null, streams: new Set<LogStream>(['stdout', 'stderr', 'system']), query: '' },
    setLogFilter: (change) => set({ logFilter: { ...get().logFilter, ...change } }),
    appendLogs(lines) {
      if (lines.length === 0) return;
      const { logs, logsVersion } = get();
      logs.append(lines);
      set({ logsVersion: logsVersion + 1 });
    },
    clearLogs() {
      const { logs, logsVersion } = get();
      logs.clear();
      set({ logsVersion: logsVersion + 1 });
    },
    setLogCapacity(linesPerNode) {
      const { logs, logsVersion } = get();
      if (logs.capacityPerNode === linesPerNode) return;
      logs.setCapacity(linesPerNode);
      set({ logsVersion: logsVersion + 1 });
    },
    applySpans(batch) {
      const { traces, spansDropped } = get();
      const next = applySpanBatch(traces, batch.spans);
      if (next === traces && batch.dropped === 0) return;
      set({ traces: next, spansDropped: spansDropped + batch.dropped });
    },
  });
