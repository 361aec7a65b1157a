import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { SpanData } from '../../../shared/ipc/contract';
import { LogView, ALL_STREAMS, type LogFilter } from '../logs/log-view';
import { logLine } from '../testing/log-lines';
import { spanData } from '../testing/spans';
import { buildSpanTree } from '../traces/waterfall-layout';
import { LOG_LINES_PER_NODE } from './log-buffer';
import { createTelemetrySlice, type TelemetrySlice } from './telemetry-slice';
import { MAX_TRACES } from './trace-buffer';

const lines = (nodeId: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => logLine(nodeId, String(from + i)));

const slice = (logLinesPerNode?: number) =>
  create<TelemetrySlice>()(createTelemetrySlice(logLinesPerNode ? { logLinesPerNode } : {}));

const everything: LogFilter = { nodeId: null, streams: new Set(ALL_STREAMS), query: '' };
const texts = (view: LogView) => view.rows.map((row) => row.text);

describe('the log buffer', () => {
  it('keeps 100,000 lines per node by default', () => {
    expect(LOG_LINES_PER_NODE).toBe(100_000);
    expect(slice().getState().logs.capacityPerNode).toBe(100_000);
  });

  it('appends 50,000 lines in batches of 500 in O(batch), keeping every one of them', () => {
    const store = slice();
    const batches = Array.from({ length: 100 }, (_, b) => lines('job', b * 500 + 1, 500));
    const started = performance.now();
    for (const batch of batches) store.getState().appendLogs(batch);
    const elapsed = performance.now() - started;
    const { logs, logsVersion } = store.getState();
    expect(logs.size).toBe(50_000);
    expect(logsVersion).toBe(100);
    const ring = logs.ring('job')!;
    expect(ring.at(0).text).toBe('1');
    expect(ring.at(49_999).text).toBe('50000');
    // Copying the buffer per batch would be ~1.25 billion element moves; this is 50,000 pushes.
    expect(elapsed).toBeLessThan(10_000);
  });

  it('costs the same per batch whether the buffer is empty or nearly full', () => {
    const store = slice();
    const time = () => {
      const batch = lines('job', 0, 500);
      const started = performance.now();
      for (let i = 0; i < 20; i++) store.getState().appendLogs(batch);
      return performance.now() - started;
    };
    time(); // warm-up
    const early = time();
    for (let i = 0; i < 150; i++) store.getState().appendLogs(lines('job', 0, 500));
    const late = time();
    // Generous: only an O(buffer) append (tens of times slower by now) would fail this.
    expect(late).toBeLessThan(Math.max(early * 10, 50));
  });

  it('is bounded per node, and says how many lines it let go of', () => {
    const store = slice(1_000);
    store.getState().appendLogs(lines('api', 1, 1_500));
    store.getState().appendLogs(lines('db', 1, 10));
    const { logs } = store.getState();
    expect(logs.ring('api')!.size).toBe(1_000);
    expect(logs.ring('api')!.evicted).toBe(500);
    expect(logs.ring('db')!.size).toBe(10);

    const view = new LogView();
    view.update(logs, everything);
    expect(view.lines).toBe(1_010);
    expect(view.dropped).toBe(500);
    const marker = view.rows[0]!;
    expect(marker.nodeId).toBe('api');
    expect(marker.dropped).toBe(500);
    expect(marker.text).toMatch(/^500 lines dropped/);
    expect(view.rows[1]!.text).toBe('501');
  });

  it('shows the main side’s dropped markers as marker lines, whatever the stream filter', () => {
    const store = slice();
    store
      .getState()
      .appendLogs([
        logLine('build', 'step 1'),
        { ...logLine('build', '', 'system'), dropped: 42 },
        logLine('build', 'step 9'),
      ]);
    const view = new LogView();
    view.update(store.getState().logs, { ...everything, streams: new Set(['stdout']), query: 'step' });
    expect(texts(view)).toEqual(['step 1', '42 lines dropped', 'step 9']);
    expect(view.lines).toBe(2);
    expect(view.dropped).toBe(42);
  });

  it('keeps a view up to date incrementally, in arrival order across nodes, and filters it', () => {
    const store = slice();
    const view = new LogView();
    const { logs } = store.getState();
    store.getState().appendLogs([logLine('a', 'a1'), logLine('b', 'b1', 'stderr')]);
    expect(view.update(logs, everything)).toBe(true);
    store.getState().appendLogs([logLine('b', 'b2'), logLine('a', 'a2')]);
    expect(view.update(logs, everything)).toBe(true);
    expect(texts(view)).toEqual(['a1', 'b1', 'b2', 'a2']);
    expect(view.update(logs, everything)).toBe(false);

    const onlyB: LogFilter = { ...everything, nodeId: 'b' };
    view.update(logs, onlyB);
    expect(texts(view)).toEqual(['b1', 'b2']);
    store.getState().appendLogs([logLine('a', 'a3'), logLine('b', 'B3')]);
    view.update(logs, onlyB);
    expect(texts(view)).toEqual(['b1', 'b2', 'B3']);

    view.update(logs, { ...everything, streams: new Set(['stderr']) });
    expect(texts(view)).toEqual(['b1']);
    view.update(logs, { ...everything, query: 'b3' });
    expect(texts(view)).toEqual(['B3']);

    store.getState().clearLogs();
    view.update(logs, everything);
    expect(view.rows).toEqual([]);
  });

  it('searches the text without its colour codes', () => {
    const store = slice();
    store.getState().appendLogs([logLine('a', '\x1b[31mred\x1b[0m alert'), logLine('a', 'calm')]);
    const view = new LogView();
    view.update(store.getState().logs, { ...everything, query: 'red alert' });
    expect(view.lines).toBe(1);
  });
});

const span = (spanId: string, extra: Partial<SpanData> = {}): SpanData =>
  spanData(spanId, { traceId: 't1', name: `span ${spanId}`, startTime: 1_000, ...extra });

describe('the traces', () => {
  it('replace a span by its id when it ends, and count what is open', () => {
    const store = slice();
    store.getState().applySpans({ spans: [span('root', { runId: 'r1', name: 'run shop' })], dropped: 0 });
    store.getState().applySpans({ spans: [span('child', { parentSpanId: 'root' })], dropped: 0 });
    let trace = store.getState().traces[0]!;
    expect(trace.spans.size).toBe(2);
    expect(trace.openSpans).toBe(2);
    expect(trace.runId).toBe('r1');
    expect(trace.label).toBe('run shop');

    store.getState().applySpans({
      spans: [span('child', { parentSpanId: 'root', endTime: 1_500, status: { code: 'error' } })],
      dropped: 0,
    });
    trace = store.getState().traces[0]!;
    expect(trace.spans.size).toBe(2);
    expect(trace.openSpans).toBe(1);
    expect(trace.spans.get('child')).toMatchObject({ endTime: 1_500, status: { code: 'error' } });

    // An open copy that arrives after the end does not reopen it.
    store.getState().applySpans({ spans: [span('child', { parentSpanId: 'root' })], dropped: 3 });
    expect(store.getState().traces[0]!.spans.get('child')!.endTime).toBe(1_500);
    expect(store.getState().spansDropped).toBe(3);
  });

  it('leaves the traces a batch does not touch as they were', () => {
    const store = slice();
    store.getState().applySpans({ spans: [span('a'), span('b', { traceId: 't2' })], dropped: 0 });
    const [first] = store.getState().traces;
    store.getState().applySpans({ spans: [span('c', { traceId: 't2' })], dropped: 0 });
    expect(store.getState().traces[0]).toBe(first);
    expect(store.getState().traces[1]!.spans.size).toBe(2);
  });

  it(`keeps the last ${MAX_TRACES} traces`, () => {
    const store = slice();
    for (let i = 0; i < MAX_TRACES + 5; i++) {
      store.getState().applySpans({ spans: [span('s', { traceId: `t${i}` })], dropped: 0 });
    }
    const ids = store.getState().traces.map((trace) => trace.traceId);
    expect(ids).toHaveLength(MAX_TRACES);
    expect(ids[0]).toBe('t5');
    expect(ids.at(-1)).toBe(`t${MAX_TRACES + 4}`);
  });

  it('build into a tree nested by parent, a span with an unknown parent as a root', () => {
    const store = slice();
    store.getState().applySpans({
      spans: [
        span('run', { startTime: 0 }),
        span('b', { parentSpanId: 'run', startTime: 20 }),
        span('a', { parentSpanId: 'run', startTime: 10 }),
        span('a1', { parentSpanId: 'a', startTime: 11 }),
        span('stray', { parentSpanId: 'elsewhere', startTime: 5 }),
      ],
      dropped: 0,
    });
    const tree = buildSpanTree(store.getState().traces[0]!.spans.values());
    const shape = (nodes: typeof tree): unknown[] =>
      nodes.map((n) => (n.children.length ? { [n.span.spanId]: shape(n.children) } : n.span.spanId));
    expect(shape(tree)).toEqual([{ run: [{ a: ['a1'] }, 'b'] }, 'stray']);
  });
});
