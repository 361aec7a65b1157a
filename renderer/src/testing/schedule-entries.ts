import type { ScheduleEntry } from '../../../shared/ipc/contract';

/** A scheduled job as the scheduler reports it: `backup` of project `etl`, at 03:00 daily. */
export function scheduleEntry(extra: Partial<ScheduleEntry> = {}): ScheduleEntry {
  return {
    project: 'etl',
    nodeId: 'backup',
    cron: '0 3 * * *',
    running: false,
    skipped: 0,
    ...extra,
  };
}
