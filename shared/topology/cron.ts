import { Cron } from 'croner';
import type { JobSchedule } from './workflow-parts';
import { scheduleOf } from './workflow-parts';

/*
 * Cron schedules, computed without running anything: croner parses (5 fields, or 6 with seconds
 * first) and says when the next tick is. Pure: the main side's scheduler and the editor share it.
 */

function pattern(schedule: JobSchedule): Cron {
  const { cron, timezone } = scheduleOf(schedule);
  return new Cron(cron.trim(), { paused: true, mode: '5-or-6-parts', ...(timezone ? { timezone } : {}) });
}

/** What is wrong with a schedule, in words, or undefined when it is fine. */
export function scheduleProblem(schedule: JobSchedule): string | undefined {
  const { cron, timezone } = scheduleOf(schedule);
  const fields = cron.trim().split(/\s+/).filter(Boolean).length;
  if (fields !== 5 && fields !== 6)
    return `"${cron}" has ${fields} fields; a schedule has 5, or 6 with seconds first`;
  if (timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone });
    } catch {
      return `"${timezone}" is not a time zone (an IANA name such as Europe/Berlin or UTC)`;
    }
  }
  try {
    if (pattern(schedule).nextRun(new Date(0)) === null) return `"${cron}" never runs`;
  } catch (error) {
    return `"${cron}" is not a cron schedule: ${(error as Error).message}`;
  }
  return undefined;
}

/** The first tick strictly after `after` (epoch ms), or undefined if none (or the schedule is bad). */
export function nextTick(schedule: JobSchedule, after: number): number | undefined {
  try {
    return pattern(schedule).nextRun(new Date(after))?.getTime();
  } catch {
    return undefined;
  }
}
