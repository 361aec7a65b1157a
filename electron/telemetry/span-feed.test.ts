import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import type { TelemetrySpans } from '../../shared/ipc/contract';
import type { Clock, Timer } from '../common/clock';
import { SpanFeedProcessor } from './span-feed';

/** A clock whose timers fire only when the test says so. */
function manualClock(): Clock & { fire(): void; readonly pending: number } {
  let timers: Array<() => void> = [];
  return {
    now: () => 0,
    setTimeout(callback) {
      timers.push(callback);
      return { callback } as Timer;
    },
    clearTimeout(timer) {
      timers = timers.filter((callback) => callback !== (timer as { callback: () => void }).callback);
    },
    fire() {
      const due = timers;
      timers = [];
      for (const callback of due) callback();
    },
    get pending() {
      return timers.length;
    },
  };
}

function feedWith(options: { maxQueue?: number; maxBatch?: number } = {}) {
  const clock = manualClock();
  const batches: TelemetrySpans[] = [];
  const dropped: number[] = [];
  const feed = new SpanFeedProcessor({
    sink: (batch) => batches.push(batch),
    clock,
    onDropped: (count) => dropped.push(count),
    ...options,
  });
  const tracer = new BasicTracerProvider({ spanProcessors: [feed] }).getTracer('t');
  const records = () =>
    batches.flatMap((batch) => batch.spans.map((span) => `${span.name}:${span.endTime ? 'end' : 'open'}`));
  return { clock, batches, dropped, feed, tracer, records };
}

describe('the live span feed', () => {
  it('sends an open span once as it opens and again as it ends, in one timer-driven batch each', () => {
    const { clock, batches, tracer, records } = feedWith();
    const span = tracer.startSpan('pull', { attributes: { 'dockwright.run.id': 'r1' } });
    expect(batches).toHaveLength(0);
    clock.fire();
    expect(records()).toEqual(['pull:open']);
    expect(batches[0]?.spans[0]?.runId).toBe('r1');
    span.end();
    clock.fire();
    expect(records()).toEqual(['pull:open', 'pull:end']);
    expect(clock.pending).toBe(0);
  });

  it('leaves out the opening of a span that ended before the batch went out', () => {
    const { clock, tracer, records } = feedWith();
    tracer.startSpan('quick').end();
    const slow = tracer.startSpan('slow');
    clock.fire();
    expect(records()).toEqual(['slow:open', 'quick:end']);
    slow.end();
  });

  it('gives every span of a run its run id, from the span that named the run', () => {
    const { clock, batches, tracer } = feedWith();
    const root = tracer.startSpan('run shop', { attributes: { 'dockwright.run.id': 'r7' } });
    const child = tracer.startSpan('node db', {}, trace.setSpan(ROOT_CONTEXT, root));
    child.end();
    root.end();
    clock.fire();
    expect(batches.flatMap((batch) => batch.spans.map((span) => [span.name, span.runId]))).toEqual([
      ['node db', 'r7'],
      ['run shop', 'r7'],
    ]);
  });

  it('drops openings before ends when full, counts what it dropped, and sends the rest', () => {
    const { clock, batches, dropped, feed, tracer, records } = feedWith({ maxQueue: 4 });
    const open = [tracer.startSpan('a'), tracer.startSpan('b'), tracer.startSpan('c')];
    open[0]!.end(); // queue: a, b, c opened; a ended (4 records)
    open[1]!.end(); // full: the opening of a goes
    tracer.startSpan('d'); // full: the opening of b goes
    clock.fire();
    expect(records()).toEqual(['c:open', 'd:open', 'a:end', 'b:end']);
    expect(batches[0]?.dropped).toBe(2);
    expect(dropped).toEqual([1, 1]);
    expect(feed.droppedSpans).toBe(2);
  });

  it('when only ends are queued and it is full, the oldest end goes', () => {
    const { clock, batches, tracer, records } = feedWith({ maxQueue: 2 });
    for (const name of ['a', 'b', 'c']) tracer.startSpan(name).end();
    clock.fire();
    // Each opening went to make room first; then the oldest end (a's).
    expect(records()).toEqual(['b:end', 'c:end']);
    expect(batches[0]?.dropped).toBe(4);
  });

  it('sends at most maxBatch records a batch, openings ahead of ends, the rest on the next tick', async () => {
    const { clock, batches, feed, tracer } = feedWith({ maxBatch: 2 });
    const spans = ['a', 'b', 'c'].map((name) => tracer.startSpan(name));
    for (const span of spans) span.end();
    tracer.startSpan('d');
    clock.fire();
    clock.fire();
    clock.fire();
    // a, b and c ended before the first batch: their openings are left out and take no room.
    expect(
      batches.map((batch) => batch.spans.map((span) => `${span.name}:${span.endTime ? 'end' : 'open'}`)),
    ).toEqual([
      ['d:open', 'a:end'],
      ['b:end', 'c:end'],
    ]);
    expect(clock.pending).toBe(0);
    await feed.forceFlush();
    expect(batches).toHaveLength(2);
  });

  it('forceFlush sends everything at once; after shutdown nothing more is queued', async () => {
    const { clock, batches, feed, tracer } = feedWith({ maxBatch: 2 });
    for (const name of ['a', 'b', 'c']) tracer.startSpan(name).end();
    await feed.forceFlush();
    expect(batches.flatMap((batch) => batch.spans.map((span) => span.name))).toEqual(['a', 'b', 'c']);
    await feed.shutdown();
    tracer.startSpan('late').end();
    clock.fire();
    expect(batches.flatMap((batch) => batch.spans.map((span) => span.name))).toEqual(['a', 'b', 'c']);
  });
});
