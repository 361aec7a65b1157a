import type { ScheduleEntry } from '../../../shared/ipc/contract';
import { scheduleOf, type JobSchedule } from '../../../shared/topology/workflow-parts';
import { currentProject } from '../run/run-actions';
import type { AppState } from '../store/app-store';
import { scheduleKey } from '../store/schedule-slice';

/*
 * How a scheduled job is doing, in words, for its card on the canvas and the inspector: the next
 * tick as the main side's scheduler has it, the ticks skipped, and plainly "not ticking" when this
 * process does not run the project's schedules.
 */

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (at: Date) => `${pad(at.getHours())}:${pad(at.getMinutes())}`;
const ymd = (at: Date) => `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
const DAY_MS = 86_400_000;

/** Local time, as short as it can be: `14:05` today, `Tue 03:00` within a week, else `2026-02-01 03:00`. */
export function shortTime(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  if (at.toDateString() === now.toDateString()) return hhmm(at);
  const ahead = at.getTime() - now.getTime();
  if (ahead > 0 && ahead < 6 * DAY_MS) return `${WEEKDAYS[at.getDay()]} ${hhmm(at)}`;
  return `${ymd(at)} ${hhmm(at)}`;
}

/** Local date and time in full: `Tue 2026-01-06 03:00`. */
export function longTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${WEEKDAYS[at.getDay()]} ${ymd(at)} ${hhmm(at)}`;
}

/**
 * A job's schedule as this window knows it: `unknown` before the main side answered (or when it
 * could not), `off` when its scheduler does not run the job (nothing ticks), else its entry.
 */
export type JobScheduleState =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'off' }
  | { readonly kind: 'on'; readonly entry: ScheduleEntry };

const UNKNOWN: JobScheduleState = { kind: 'unknown' };
const OFF: JobScheduleState = { kind: 'off' };
const states = new WeakMap<ScheduleEntry, JobScheduleState>();

/** For a selector: the same object while nothing changed, so a card re-renders only for its own job. */
export function jobScheduleState(state: AppState, nodeId: string): JobScheduleState {
  if (state.schedules === null) return UNKNOWN;
  const entry = state.schedules[scheduleKey(currentProject(state), nodeId)];
  if (!entry) return OFF;
  let known = states.get(entry);
  if (!known) states.set(entry, (known = { kind: 'on', entry }));
  return known;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The card's line: `next 14:05`, `next Tue 03:00 · skipped 2`, `not ticking`. */
export function cardScheduleText(state: JobScheduleState, schedule: JobSchedule, now?: Date): string {
  switch (state.kind) {
    case 'unknown':
      return scheduleOf(schedule).cron;
    case 'off':
      return 'not ticking';
    case 'on': {
      const { entry } = state;
      const next = entry.nextRunAt ? `next ${shortTime(entry.nextRunAt, now)}` : 'no next tick';
      return [entry.running ? 'running' : null, next, entry.skipped > 0 ? `skipped ${entry.skipped}` : null]
        .filter(Boolean)
        .join(' · ');
    }
  }
}

/** Why nothing ticks, said where the schedule is edited. */
export const NOT_TICKING =
  'Not ticking now: schedules run only while Dockwright watches the project, after a run of it here (or in the web mode, or under dockwright up --watch).';

/** The inspector's lines about a scheduled job, each a sentence. */
export function scheduleLines(state: JobScheduleState, schedule: JobSchedule | undefined): string[] {
  if (state.kind === 'unknown') return ['Next run: not known (the schedules could not be read yet).'];
  if (state.kind === 'off') return schedule === undefined ? [] : [NOT_TICKING];
  const { entry } = state;
  const lines = [
    entry.nextRunAt
      ? `Next run: ${longTime(entry.nextRunAt)}`
      : 'Next run: none (the schedule never fires again).',
  ];
  if (entry.running) lines.push('A scheduled run of it is going now.');
  if (entry.lastRunAt)
    lines.push(
      `Last tick: ${longTime(entry.lastRunAt)}${entry.lastRunId ? ` (run ${entry.lastRunId})` : ''}`,
    );
  if (entry.skipped > 0)
    lines.push(
      `Skipped ${plural(entry.skipped, 'tick')}: the previous run of the job was still going${entry.lastSkippedAt ? ` (last at ${longTime(entry.lastSkippedAt)})` : ''}.`,
    );
  const ticking = `${entry.cron}${entry.timezone ? ` (${entry.timezone})` : ''}`;
  const edited = schedule === undefined ? undefined : scheduleOf(schedule);
  if (!edited)
    lines.push(`Still ticks on ${ticking}, as the last run had it; run the project again to stop it.`);
  else if (edited.cron.trim() !== entry.cron.trim() || (edited.timezone ?? '') !== (entry.timezone ?? ''))
    lines.push(`Ticks on ${ticking}, as the last run had it; run the project again to use this schedule.`);
  return lines;
}
