import { describe, expect, it } from 'vitest';
import type { RunSummary, ScheduleEntry } from '../../shared/ipc/contract';
import { makeTopology } from '../../shared/testing/topologies';
import { silentLogger } from '../common/silent-logger';
import { TimeSkippingClock } from '../testing/time-skipping-clock';
import { waitFor } from '../testing/wait-for';
import { JobScheduler, type TickRun } from './job-scheduler';

const START = Date.UTC(2026, 0, 1, 0, 0, 0);

function kit(runMs: number) {
  const clock = new TimeSkippingClock(START);
  const runs: Array<{ tickAt: number; startedAt: number; endedAt?: number }> = [];
  const statuses: ScheduleEntry[] = [];
  const scheduler = new JobScheduler({
    logger: silentLogger,
    clock,
    onStatus: (entry) => statuses.push(entry),
    start: (job, tickAt): Promise<TickRun> => {
      const record: { tickAt: number; startedAt: number; endedAt?: number } = {
        tickAt,
        startedAt: clock.now(),
      };
      runs.push(record);
      const done = new Promise<RunSummary>((resolve) =>
        clock.setTimeout(() => {
          record.endedAt = clock.now();
          resolve({} as RunSummary);
        }, runMs),
      );
      return Promise.resolve({ runId: `run-${runs.length}`, done });
    },
  });
  return { clock, runs, statuses, scheduler };
}

const topology = makeTopology({
  web: { kind: 'service', image: 'x' },
  report: {
    kind: 'job',
    image: 'x',
    schedule: '*/10 * * * * *',
    dependsOn: [{ node: 'web', condition: 'started' }],
  },
  once: { kind: 'job', image: 'x' },
});

describe('JobScheduler', () => {
  it('runs a job on each tick of its schedule, at the tick', async () => {
    const { runs, scheduler } = kit(1_000);
    scheduler.watch('shop', topology);
    expect(scheduler.list()).toEqual([
      expect.objectContaining({
        project: 'shop',
        nodeId: 'report',
        cron: '*/10 * * * * *',
        nextRunAt: new Date(START + 10_000).toISOString(),
      }),
    ]);
    await waitFor(() => runs.length >= 3, 5_000, 'three runs');
    scheduler.dispose();
    expect(runs.slice(0, 3).map((r) => r.tickAt - START)).toEqual([10_000, 20_000, 30_000]);
    expect(runs.slice(0, 3).map((r) => r.startedAt - START)).toEqual([10_000, 20_000, 30_000]);
  });

  it('never overlaps a job with itself: a tick during its run is skipped and counted', async () => {
    const { runs, statuses, scheduler } = kit(25_000);
    scheduler.watch('shop', topology);
    await waitFor(() => runs.filter((r) => r.endedAt !== undefined).length >= 3, 5_000, 'three runs');
    scheduler.dispose();
    const done = runs.filter((r) => r.endedAt !== undefined);
    for (let i = 1; i < done.length; i++)
      expect(done[i]!.startedAt).toBeGreaterThanOrEqual(done[i - 1]!.endedAt!);
    // Runs of 25 s on a 10 s schedule: each run skips the two ticks that fall inside it.
    expect(done.slice(0, 3).map((r) => r.tickAt - START)).toEqual([10_000, 40_000, 70_000]);
    const last = statuses.filter((s) => s.nodeId === 'report').at(-1);
    expect(last?.skipped).toBeGreaterThanOrEqual(4);
    expect(last?.lastSkippedAt).toBeDefined();
  });

  it('stops when the watch is let go, and a newer watch of the project replaces it', async () => {
    const { clock, runs, scheduler } = kit(1_000);
    const stop = scheduler.watch('shop', topology);
    stop();
    expect(scheduler.list()).toEqual([]);
    expect(clock.pending).toBe(0);
    scheduler.watch('shop', topology);
    scheduler.watch('shop', topology);
    await waitFor(() => runs.length >= 2, 5_000, 'runs');
    expect(new Set(runs.map((r) => r.tickAt)).size).toBe(runs.length);
    scheduler.dispose();
    expect(clock.pending).toBeLessThanOrEqual(runs.filter((r) => r.endedAt === undefined).length);
  });

  it('honours a time zone and waits past timers longer than its cap', async () => {
    const { runs, scheduler } = kit(1_000);
    const daily = makeTopology({
      nightly: { kind: 'job', image: 'x', schedule: { cron: '0 3 * * *', timezone: 'Asia/Tokyo' } },
    });
    scheduler.watch('shop', daily);
    await waitFor(() => runs.length >= 1, 5_000, 'the nightly run');
    scheduler.dispose();
    // 03:00 in Tokyo is 18:00 UTC the day before: the first after 2026-01-01T00:00Z is that evening.
    expect(new Date(runs[0]!.tickAt).toISOString()).toBe('2026-01-01T18:00:00.000Z');
  });
});
