import { describe, expect, it } from 'vitest';
import type { SpanData } from '../../../shared/ipc/contract';
import {
  axisTicks,
  buildSpanTree,
  formatDuration,
  layoutWaterfall,
  traceWindow,
  type WaterfallRow,
} from './waterfall-layout';
import { spanData } from '../testing/spans';

const span = (spanId: string, startTime: number, endTime?: number, parentSpanId?: string): SpanData =>
  spanData(spanId, {
    traceId: 't',
    startTime,
    ...(endTime !== undefined ? { endTime } : {}),
    ...(parentSpanId ? { parentSpanId } : {}),
  });

// run 0..1000 > node a 100..600 > docker 100..200; run > node b (open since 500); now = 1000.
const spans = [
  span('run', 0, 1000),
  span('a', 100, 600, 'run'),
  span('docker', 100, 200, 'a'),
  span('b', 500, undefined, 'run'),
];
const now = 1000;
const brief = (rows: WaterfallRow[]) =>
  rows.map((r) => [r.span.spanId, r.depth, +r.offset.toFixed(3), +r.width.toFixed(3)]);

describe('layoutWaterfall', () => {
  it('puts each span on a row, depth first, with its bar placed by start and duration', () => {
    const window = traceWindow(spans, now);
    expect(window).toEqual({ start: 0, end: 1000 });
    const rows = layoutWaterfall(buildSpanTree(spans), { window, now, collapsed: new Set() });
    expect(brief(rows)).toEqual([
      ['run', 0, 0, 1],
      ['a', 1, 0.1, 0.5],
      ['docker', 2, 0.1, 0.1],
      ['b', 1, 0.5, 0.5],
    ]);
    expect(rows.map((r) => r.hasChildren)).toEqual([true, true, false, false]);
    expect(rows[1]!.durationMs).toBe(500);
  });

  it('grows an open span to now', () => {
    const later = 2000;
    const window = traceWindow(spans, later);
    expect(window.end).toBe(2000);
    const rows = layoutWaterfall(buildSpanTree(spans), { window, now: later, collapsed: new Set() });
    const b = rows.find((r) => r.span.spanId === 'b')!;
    expect(b.open).toBe(true);
    expect(b.durationMs).toBe(1500);
    expect(b.offset + b.width).toBeCloseTo(1);
  });

  it('hides the children of a collapsed span', () => {
    const rows = layoutWaterfall(buildSpanTree(spans), {
      window: traceWindow(spans, now),
      now,
      collapsed: new Set(['a']),
    });
    expect(rows.map((r) => r.span.spanId)).toEqual(['run', 'a', 'b']);
    expect(rows[1]!.collapsed).toBe(true);
  });

  it('zooms: bars are placed in the window and clamped to it', () => {
    const rows = layoutWaterfall(buildSpanTree(spans), {
      window: { start: 100, end: 600 },
      now,
      collapsed: new Set(),
    });
    expect(brief(rows)).toEqual([
      ['run', 0, 0, 1],
      ['a', 1, 0, 1],
      ['docker', 2, 0, 0.2],
      ['b', 1, 0.8, 0.2],
    ]);
    const outside = layoutWaterfall(buildSpanTree(spans), {
      window: { start: 100, end: 200 },
      now,
      collapsed: new Set(),
    });
    expect(outside.find((r) => r.span.spanId === 'b')).toMatchObject({ outside: true, width: 0 });
  });

  it('survives a parent cycle by showing the spans as roots', () => {
    const tree = buildSpanTree([span('x', 0, 1, 'y'), span('y', 0, 1, 'x')]);
    const rows = layoutWaterfall(tree, { window: { start: 0, end: 1 }, now, collapsed: new Set() });
    expect(rows.map((r) => r.span.spanId).sort()).toEqual(['x', 'y']);
  });
});

describe('axis and durations', () => {
  it('ticks at round steps', () => {
    const ticks = axisTicks({ start: 0, end: 1000 }, 5);
    expect(ticks.map((t) => t.label)).toEqual(['0', '200 ms', '400 ms', '600 ms', '800 ms', '1 s']);
    expect(ticks[1]!.offset).toBeCloseTo(0.2);
    expect(axisTicks({ start: 5, end: 5 + 2_500 }, 5).map((t) => t.label)).toEqual([
      '0',
      '500 ms',
      '1 s',
      '1.5 s',
      '2 s',
      '2.5 s',
    ]);
  });

  it('formats durations for people', () => {
    expect(formatDuration(0.25)).toBe('250 µs');
    expect(formatDuration(3.456)).toBe('3.46 ms');
    expect(formatDuration(123.4)).toBe('123.4 ms');
    expect(formatDuration(2_346)).toBe('2.35 s');
    expect(formatDuration(125_000)).toBe('2 m 05 s');
  });
});
