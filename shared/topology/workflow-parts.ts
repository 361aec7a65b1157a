import { z } from 'zod';

/*
 * Workflow fields of a topology: where to send notifications, and when a job runs by itself.
 * Plain data here; what they mean is checked in validate-workflows.ts and applied by
 * electron/notify and electron/schedule.
 */

/** What a notification target hears about. */
export const NotificationEvent = z.enum(['run.ended', 'service.unhealthy']);
export type NotificationEvent = z.infer<typeof NotificationEvent>;

export const NotificationTarget = z
  .strictObject({
    url: z.string().describe('An http(s) URL that receives a POST with a JSON body for each event.'),
    events: z
      .array(NotificationEvent)
      .optional()
      .describe('The events to send (default: both, `run.ended` and `service.unhealthy`).'),
  })
  .describe('A webhook that is told, at least once, when a run ends or a service turns unhealthy.');
export type NotificationTarget = z.infer<typeof NotificationTarget>;

export const ALL_NOTIFICATION_EVENTS: readonly NotificationEvent[] = NotificationEvent.options;

/** Each event as the editor and the settings name it. */
export const NOTIFICATION_EVENT_LABEL: Readonly<Record<NotificationEvent, string>> = {
  'run.ended': 'Run ended',
  'service.unhealthy': 'Service unhealthy',
};

/** The events a target asked for (both when it names none). */
export function targetEvents(target: NotificationTarget): readonly NotificationEvent[] {
  return target.events && target.events.length > 0 ? target.events : ALL_NOTIFICATION_EVENTS;
}

export const JobSchedule = z
  .union([
    z.string(),
    z.strictObject({
      cron: z.string().describe('5 fields (minute hour day month weekday) or 6 (seconds first).'),
      timezone: z.string().optional().describe('An IANA time zone, e.g. `Europe/Berlin`; default: local.'),
    }),
  ])
  .describe(
    'Run the job by itself on this cron schedule while Dockwright runs (the app, the web mode or `up --watch`).',
  );
export type JobSchedule = z.infer<typeof JobSchedule>;

/** A schedule in its long form. */
export function scheduleOf(schedule: JobSchedule): { cron: string; timezone?: string } {
  return typeof schedule === 'string' ? { cron: schedule } : schedule;
}
