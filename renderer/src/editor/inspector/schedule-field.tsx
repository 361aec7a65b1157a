import { useId } from 'react';
import { scheduleOf, type JobSchedule } from '../../../../shared/topology/workflow-parts';
import { jobScheduleState, scheduleLines } from '../../schedule/schedule-text';
import type { AppState } from '../../store/app-store';
import { useAppStore } from '../../store/store-context';
import { FieldMessages, messageAria, Pair, Section } from './fields';
import { useField } from './form-context';
import { parseText } from './parse';
import { useDraftText } from './use-draft';

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
  const id = useId();
  const field = useField(['schedule']);
  const schedule = field.value as JobSchedule | undefined;
  const { cron, timezone } =
    schedule === undefined ? { cron: '', timezone: undefined } : scheduleOf(schedule);
  const cronField = useField(['schedule', 'cron']);
  const zoneField = useField(['schedule', 'timezone']);
  const long = typeof schedule === 'object';
  // The short form (a cron string) until a time zone is set; then { cron, timezone }. Changing
  // form is a step of its own, so typing the cron and then the zone are two undo steps.
  const cronText = useDraftText(
    {
      value: cron === '' ? undefined : cron,
      write: (v) =>
        !long
          ? field.write(v)
          : v === undefined && timezone === undefined
            ? field.write(undefined, true)
            : cronField.write(v ?? ''),
    },
    parseText,
  );
  const zoneText = useDraftText(
    {
      value: timezone,
      write: (v) =>
        long ? zoneField.write(v) : v === undefined ? null : field.write({ cron, timezone: v }, true),
    },
    parseText,
  );
  const selectState = (s: AppState) => jobScheduleState(s, nodeId);
  const state = useAppStore(selectState);
  const lines = scheduleLines(state, schedule);
  const cronMessages = `${id}-cron-msg`;
  const zoneMessages = `${id}-zone-msg`;
  return (
    <Section title="Schedule" name="schedule" open={open}>
      <Pair>
        <div className="insp-field">
          <label htmlFor={`${id}-cron`} className="insp-label">
            Cron schedule
          </label>
          <input
            id={`${id}-cron`}
            className="insp-input"
            type="text"
            data-path={field.dataPath}
            value={cronText.text}
            placeholder="e.g. 0 3 * * *"
            title="5 fields (minute hour day month weekday), or 6 with seconds first; empty: not scheduled"
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => cronText.onText(e.target.value)}
            {...messageAria(cronMessages, cronText.error, field.problems)}
          />
        </div>
        <div className="insp-field">
          <label htmlFor={`${id}-zone`} className="insp-label">
            Time zone
          </label>
          <input
            id={`${id}-zone`}
            className="insp-input"
            type="text"
            data-path={`${field.dataPath}.timezone`}
            value={zoneText.text}
            placeholder="local"
            title="An IANA time zone such as Europe/Berlin or UTC; empty: the local one"
            spellCheck={false}
            autoComplete="off"
            list={TIME_ZONES.length > 0 ? `${id}-zones` : undefined}
            onChange={(e) => zoneText.onText(e.target.value)}
            {...messageAria(zoneMessages, zoneText.error, [])}
          />
          {TIME_ZONES.length > 0 && (
            <datalist id={`${id}-zones`}>
              {TIME_ZONES.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          )}
          <FieldMessages id={zoneMessages} error={zoneText.error} problems={[]} />
        </div>
      </Pair>
      <FieldMessages id={cronMessages} error={cronText.error} problems={field.problems} />
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
