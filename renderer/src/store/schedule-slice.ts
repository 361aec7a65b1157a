import type { StateCreator } from 'zustand';
import type { ScheduleEntry } from '../../../shared/ipc/contract';

/** The key of a scheduled job: its project and node id. */
export const scheduleKey = (project: string, nodeId: string) => `${project}\n${nodeId}`;

export interface ScheduleSlice {
  /**
   * The jobs the main side runs on schedule now, by `scheduleKey`: from `schedule.list`, kept up
   * to date by `schedule.status` events. Null until the first answer (or when it could not be read).
   */
  schedules: Readonly<Record<string, ScheduleEntry>> | null;
  setSchedules: (entries: readonly ScheduleEntry[]) => void;
  applyScheduleStatus: (entry: ScheduleEntry) => void;
}

export const createScheduleSlice: StateCreator<ScheduleSlice, [], [], ScheduleSlice> = (set, get) => ({
  schedules: null,
  setSchedules: (entries) =>
    set({ schedules: Object.fromEntries(entries.map((e) => [scheduleKey(e.project, e.nodeId), e])) }),
  applyScheduleStatus: (entry) =>
    set({ schedules: { ...get().schedules, [scheduleKey(entry.project, entry.nodeId)]: entry } }),
});
