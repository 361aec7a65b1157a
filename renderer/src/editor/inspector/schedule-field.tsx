import { scheduleOf, type JobSchedule } from '../../../../shared/topology/workflow-parts';
import { jobScheduleState, scheduleLines } from '../../schedule/schedule-text';
import type { AppState } from '../../store/app-store';
import { useAppStore } from '../../store/store-context';
import { Pair, Section, TextField } from './fields';
import { useField } from './form-context';

/** Every IANA zone the browser knows, offered while typing one (an empty list where it cannot say). */
const TIME_ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
})();

/**
 * A job's cron schedule and time zone, with what validation says of it (SCHEDULE_INVALID) under
 * the cron, and below them what the main side's scheduler says: the next run, the ticks skipped,
 * or that nothing ticks now.
 */
export function ScheduleSection({ nodeId, open }: { nodeId: string; open: boolean }) {
  const field = useField(['schedule']);
  const schedule = field.value as JobSchedule | undefined;
  const { cron, timezone } =
    schedule === undefined ? { cron: '', timezone: undefined } : scheduleOf(schedule);
  const cronField = useField(['schedule', 'cron']);
  const zoneField = useField(['schedule', 'timezone']);
  const long = typeof schedule === 'object';
  // The short form (a cron string) until a time zone is set; then { cron, timezone }. Changing
  // form is a step of its own, so typing the cron and then the zone are two undo steps.
  const cronBinding = {
    ...field,
    value: cron === '' ? undefined : cron,
    write: (v: unknown) =>
      !long
        ? field.write(v)
        : v === undefined && timezone === undefined
          ? field.write(undefined, true)
          : cronField.write(v ?? ''),
  };
  const zoneBinding = {
    ...zoneField,
    // Validation speaks of the schedule as a whole (under the cron): nothing of its own here.
    problems: [],
    value: timezone,
    write: (v: unknown) =>
      long ? zoneField.write(v) : v === undefined ? null : field.write({ cron, timezone: v }, true),
  };
  const selectState = (s: AppState) => jobScheduleState(s, nodeId);
  const state = useAppStore(selectState);
  const lines = scheduleLines(state, schedule);
  return (
    <Section title="Schedule" name="schedule" open={open}>
      <Pair>
        <TextField
          label="Cron schedule"
          path={['schedule']}
          binding={cronBinding}
          placeholder="e.g. 0 3 * * *"
          hint="5 fields (minute hour day month weekday), or 6 with seconds first; empty: not scheduled"
        />
        <TextField
          label="Time zone"
          path={['schedule', 'timezone']}
          binding={zoneBinding}
          placeholder="local"
          hint="An IANA time zone such as Europe/Berlin or UTC; empty: the local one"
          {...(TIME_ZONES.length > 0 ? { suggestions: TIME_ZONES } : {})}
        />
      </Pair>
      {lines.length > 0 && (
        <div className="insp-schedule" data-testid="schedule-status">
          {lines.map((line) => (
            <p key={line} className="insp-muted">
              {line}
            </p>
          ))}
        </div>
      )}
    </Section>
  );
}
