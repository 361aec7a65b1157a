import type { Api } from '../../../shared/ipc/api';
import type { RunLogLine, SpanData } from '../../../shared/ipc/contract';
import type { AppStore } from './app-store';

/** Runs `flush` soon: on the next animation frame, or after a short timeout where frames stall. */
export type FlushScheduler = (flush: () => void) => void;

/*
 * A hidden tab gets no animation frames; the timeout keeps the buffers draining there (at most
 * one flush runs: whichever fires first cancels the other).
 */
export const frameScheduler: FlushScheduler = (flush) => {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    flush();
  };
  const frame = requestAnimationFrame(run);
  const timer = setTimeout(run, 250);
};

/**
 * Feeds the telemetry slice from the pushed `run.log` and `telemetry.spans` events. Events are
 * gathered as they come and handed to the store once per frame, so a burst of thousands of lines
 * costs one store update (and one render of the panels) per frame, not one per line.
 */
export function startTelemetrySync(
  api: Api,
  store: AppStore,
  schedule: FlushScheduler = frameScheduler,
): () => void {
  let lines: RunLogLine[] = [];
  let spans: SpanData[] = [];
  let dropped = 0;
  let scheduled = false;
  let disposed = false;

  const flush = () => {
    scheduled = false;
    if (disposed) return;
    const state = store.getState();
    if (lines.length > 0) {
      const batch = lines;
      lines = [];
      state.appendLogs(batch);
    }
    if (spans.length > 0 || dropped > 0) {
      const batch = { spans, dropped };
      spans = [];
      dropped = 0;
      state.applySpans(batch);
    }
  };
  const soon = () => {
    if (scheduled) return;
    scheduled = true;
    schedule(flush);
  };

  const offs = [
    api.subscribe('run.log', (line) => {
      lines.push(line);
      soon();
    }),
    api.subscribe('telemetry.spans', (batch) => {
      for (const span of batch.spans) spans.push(span);
      dropped += batch.dropped;
      soon();
    }),
    api.subscribe('telemetry.status', (status) => store.getState().setTelemetryStatus(status)),
  ];
  api.telemetry.status().then(
    (status) => {
      if (!disposed) store.getState().setTelemetryStatus(status);
    },
    () => {
      // Not answered (transport down): the next `telemetry.status` event fills it in.
    },
  );
  return () => {
    disposed = true;
    for (const off of offs) off();
  };
}
