import type { Api } from '../../../shared/ipc/api';
import type { AppState, AppStore } from './app-store';

/** Changes when the run shown starts, ends or goes: the main side (un)schedules jobs then. */
const runMark = (s: AppState) => (s.run ? `${s.run.project}:${s.run.runId}:${s.run.state}` : '');

/**
 * Keeps the schedule slice in step with the main side's scheduler: `schedule.list` at start, when
 * the link comes back without the events it missed (as link-sync.ts reads the rest again), and
 * whenever the run shown starts or ends (a project's schedules stop when a
 * run of it starts or it is cleaned up, and start again after a run, without an event), and each
 * `schedule.status` event (a job was scheduled, ticked, ran or skipped) as it comes.
 */
export function startScheduleSync(api: Api, store: AppStore): () => void {
  let disposed = false;
  let asked = 0;
  const refresh = async () => {
    const ask = ++asked;
    try {
      const entries = await api.schedule.list();
      if (!disposed && ask === asked) store.getState().setSchedules(entries);
    } catch {
      // The transport is lost: the link badge says so, and a reconnect reads the list again.
    }
  };
  const offs = [
    api.subscribe('schedule.status', (entry) => store.getState().applyScheduleStatus(entry)),
    // Schedules are the main side's, not the engine's: an engine that reconnects changes none.
    api.onLink((link) => {
      if (link.state === 'open' && link.reconnected && !link.resumed) void refresh();
    }),
    store.subscribe((state, previous) => {
      if (runMark(state) !== runMark(previous)) void refresh();
    }),
  ];
  void refresh();
  return () => {
    disposed = true;
    for (const off of offs) off();
  };
}
