import { describe, expect, it } from 'vitest';
import type { Clock, Timer } from '../common/clock';
import { LogPump, type PumpLine } from './log-pump';

/** Timers that fire only when the test says so. */
function manualClock() {
  let timers: Array<Timer & { callback: () => void }> = [];
  const clock: Clock = {
    now: () => 0,
    setTimeout(callback): Timer {
      const timer = { callback, unref: () => undefined };
      timers.push(timer);
      return timer;
    },
    clearTimeout(timer) {
      timers = timers.filter((t) => t !== timer);
    },
  };
  const tick = () => {
    const due = timers;
    timers = [];
    for (const timer of due) timer.callback();
  };
  return { clock, tick, pending: () => timers.length };
}

function pump(capacity: number, perTick: number) {
  const { clock, tick, pending } = manualClock();
  const out: PumpLine[] = [];
  const dropped: number[] = [];
  const logs = new LogPump({
    sink: (line) => out.push(line),
    clock,
    capacity,
    perTick,
    onDropped: (count) => dropped.push(count),
  });
  return { logs, out, tick, pending, dropped };
}

const at = '2026-01-01T00:00:00.000Z';

describe('LogPump', () => {
  it('sends lines in order, per node, a bounded number per tick', () => {
    const { logs, out, tick } = pump(100, 3);
    for (let i = 1; i <= 5; i++) logs.push('a', 'stdout', `a${i}`, at);
    logs.push('b', 'stderr', 'b1', at);
    expect(out).toEqual([]);
    tick();
    expect(out.map((l) => l.text)).toEqual(['a1', 'a2', 'a3', 'b1']);
    tick();
    expect(out.map((l) => l.text)).toEqual(['a1', 'a2', 'a3', 'b1', 'a4', 'a5']);
    expect(out[3]).toEqual({ nodeId: 'b', stream: 'stderr', text: 'b1', at });
  });

  it('pauses a followed stream when a node buffer is full and resumes it at half, losing nothing', () => {
    const { logs, out, tick } = pump(10, 4);
    const calls: string[] = [];
    logs.attach('svc', { pause: () => calls.push('pause'), resume: () => calls.push('resume') });
    // A chunk already read when the pause comes still fits (up to twice the capacity).
    for (let i = 0; i < 15; i++) logs.push('svc', 'stdout', `l${i}`, at);
    expect(calls).toEqual(['pause']);
    tick(); // 11 left: still paused
    tick(); // 7 left
    tick(); // 3 left: below half, resumed
    expect(calls).toEqual(['pause', 'resume']);
    tick();
    expect(out.map((l) => l.text)).toEqual(Array.from({ length: 15 }, (_, i) => `l${i}`));
    expect(out.some((l) => l.dropped)).toBe(false);
  });

  it('drops what cannot be held back beyond the buffer, with one marker counting the gap in place', () => {
    const { logs, out, tick, dropped } = pump(3, 100);
    for (let i = 0; i < 8; i++) logs.push('build', 'system', `step ${i}`, at);
    logs.drainAll();
    logs.push('build', 'system', 'after', at);
    tick();
    expect(out.map((l) => l.text)).toEqual(['step 0', 'step 1', 'step 2', '5 lines dropped', 'after']);
    expect(out[3]).toMatchObject({ stream: 'system', dropped: 5 });
    expect(dropped.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('drainAll sends everything at once; close stops taking lines and the timer', () => {
    const { logs, out, pending } = pump(100, 1);
    for (let i = 0; i < 10; i++) logs.push('a', 'stdout', String(i), at);
    logs.drainAll();
    expect(out).toHaveLength(10);
    logs.close();
    logs.push('a', 'stdout', 'late', at);
    expect(out).toHaveLength(10);
    expect(pending()).toBe(0);
  });
});
