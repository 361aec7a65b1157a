import { describe, expect, it } from 'vitest';
import type { ScheduleEntry } from '../../../shared/ipc/contract';
import { makeTopology } from '../../../shared/testing/topologies';
import { createAppStore } from '../store/app-store';
import { cardScheduleText, jobScheduleState, NOT_TICKING, scheduleLines, shortTime } from './schedule-text';
import { scheduleEntry } from '../testing/schedule-entries';

// Local times: the texts are in the local time zone, whatever the machine's.
const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi);
const now = local(2026, 1, 5, 10, 0); // a Monday
const entry = (extra: Partial<ScheduleEntry> = {}): ScheduleEntry =>
  scheduleEntry({ nextRunAt: local(2026, 1, 6, 3, 0).toISOString(), ...extra });

describe('schedule texts', () => {
  it('says a time as short as it can: today, this week, later', () => {
    expect(shortTime(local(2026, 1, 5, 14, 5).toISOString(), now)).toBe('14:05');
    expect(shortTime(local(2026, 1, 6, 3, 0).toISOString(), now)).toBe('Tue 03:00');
    expect(shortTime(local(2026, 2, 1, 3, 0).toISOString(), now)).toBe('2026-02-01 03:00');
  });

  it("gives the card the next tick and the ticks skipped, or 'not ticking'", () => {
    expect(cardScheduleText({ kind: 'on', entry: entry() }, '0 3 * * *', now)).toBe('next Tue 03:00');
    expect(
      cardScheduleText({ kind: 'on', entry: entry({ skipped: 2, running: true }) }, '0 3 * * *', now),
    ).toBe('running · next Tue 03:00 · skipped 2');
    expect(cardScheduleText({ kind: 'off' }, '0 3 * * *', now)).toBe('not ticking');
    expect(cardScheduleText({ kind: 'unknown' }, { cron: '*/5 * * * *', timezone: 'UTC' }, now)).toBe(
      '*/5 * * * *',
    );
  });

  it('tells the inspector when the schedule that ticks is not the one edited', () => {
    const lines = scheduleLines({ kind: 'on', entry: entry({ skipped: 1 }) }, '*/5 * * * *');
    expect(lines[0]).toBe('Next run: Tue 2026-01-06 03:00');
    expect(lines).toContain('Skipped 1 tick: the previous run of the job was still going.');
    expect(lines.at(-1)).toBe(
      'Ticks on 0 3 * * *, as the last run had it; run the project again to use this schedule.',
    );
    expect(scheduleLines({ kind: 'on', entry: entry() }, '0 3 * * *')).toEqual([
      'Next run: Tue 2026-01-06 03:00',
    ]);
    expect(scheduleLines({ kind: 'off' }, '0 3 * * *')).toEqual([NOT_TICKING]);
    expect(scheduleLines({ kind: 'off' }, undefined)).toEqual([]);
  });

  it("finds the job's entry in the project shown, and keeps the same state object while it does not change", () => {
    const store = createAppStore();
    store
      .getState()
      .loadDocument(
        makeTopology({ backup: { kind: 'job', image: 'x' } }, { metadata: { name: 'etl' } }),
        null,
      );
    expect(jobScheduleState(store.getState(), 'backup')).toEqual({ kind: 'unknown' });
    store.getState().setSchedules([entry({ project: 'other' })]);
    expect(jobScheduleState(store.getState(), 'backup')).toEqual({ kind: 'off' });
    store.getState().applyScheduleStatus(entry());
    const first = jobScheduleState(store.getState(), 'backup');
    expect(first).toEqual({ kind: 'on', entry: entry() });
    store.getState().applyScheduleStatus(entry({ project: 'other', skipped: 3 }));
    expect(jobScheduleState(store.getState(), 'backup')).toBe(first);
  });
});
