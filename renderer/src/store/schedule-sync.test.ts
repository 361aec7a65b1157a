import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/ipc/api';
import type { RunSummary, ScheduleEntry } from '../../../shared/ipc/contract';
import type { LinkState } from '../../../shared/ipc/transport';
import { makeTopology } from '../../../shared/testing/topologies';
import { fakeMainSide } from '../testing/main-side.fake';
import { createAppStore } from './app-store';
import { scheduleKey } from './schedule-slice';
import { startScheduleSync } from './schedule-sync';
import { scheduleEntry } from '../testing/schedule-entries';

const at = '2026-01-05T14:00:00.000Z';
const entry = (extra: Partial<ScheduleEntry> = {}): ScheduleEntry =>
  scheduleEntry({ nextRunAt: '2026-01-06T03:00:00.000Z', ...extra });

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('schedule sync', () => {
  it('reads schedule.list at start, applies schedule.status events, and reads again when a run starts or ends', async () => {
    let listed: ScheduleEntry[] = [entry()];
    let asked = 0;
    const side = fakeMainSide({
      'schedule.list': () => (asked++, listed),
    });
    const store = createAppStore();
    store.getState().loadDocument(makeTopology({ backup: { kind: 'job', image: 'x' } }), null);
    const off = startScheduleSync(side.api, store);
    stop = () => (off(), side.close());
    expect(store.getState().schedules).toBeNull();
    await waitFor(() => store.getState().schedules !== null);
    expect(store.getState().schedules).toEqual({ [scheduleKey('etl', 'backup')]: entry() });

    side.push('schedule.status', entry({ skipped: 2, lastSkippedAt: '2026-01-06T03:00:00.000Z' }));
    await waitFor(() => store.getState().schedules?.[scheduleKey('etl', 'backup')]?.skipped === 2);

    // A run of the project starts: the main side stops its schedules, without an event.
    listed = [];
    const run: RunSummary = {
      runId: 'r2',
      project: 'etl',
      idempotencyKey: 'k',
      state: 'running',
      startedAt: at,
      nodes: {},
    };
    store.getState().showRun(run);
    await waitFor(() => Object.keys(store.getState().schedules ?? { x: 1 }).length === 0);
    expect(asked).toBe(2);
  });

  it('reads the list again when the link comes back without the events it missed, not when it resumes', async () => {
    let asked = 0;
    const side = fakeMainSide({ 'schedule.list': () => (asked++, [entry()]) });
    const links: Array<(link: LinkState) => void> = [];
    const api: Api = { ...side.api, onLink: (listener) => (links.push(listener), () => undefined) };
    const store = createAppStore();
    const off = startScheduleSync(api, store);
    stop = () => (off(), side.close());
    await waitFor(() => asked === 1);
    for (const link of links) link({ state: 'open', reconnected: true, resumed: true });
    for (const link of links) link({ state: 'open', reconnected: true, resumed: false });
    await waitFor(() => asked === 2);
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toBe(2);
  });
});
