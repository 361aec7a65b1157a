import { z } from 'zod';
import { NotificationEvent } from '../topology/workflow-parts';

/*
 * The contract's workflow parts: the notification outbox's view of its targets, and the
 * scheduler's view of the jobs it runs on schedule.
 */

/** How a target is doing: all sent, messages waiting for their next try, or its host's circuit open. */
export const NotifyTargetState = z.enum(['idle', 'delivered', 'retrying', 'circuit-open', 'failed']);
export type NotifyTargetState = z.infer<typeof NotifyTargetState>;

export const NotifyTargetStatus = z.object({
  /** The URL without its query (a webhook's token is often there). */
  url: z.string(),
  /** Where the target comes from: the settings, or the topology of a project. */
  source: z.enum(['settings', 'topology']),
  project: z.string().optional(),
  events: z.array(NotificationEvent),
  state: NotifyTargetState,
  /** Messages in the outbox for it, not yet delivered. */
  pending: z.number().int().nonnegative(),
  delivered: z.number().int().nonnegative(),
  /** Attempts that failed (each retried until the message's deadline). */
  failedAttempts: z.number().int().nonnegative(),
  /** Messages given up on after their deadline. */
  dropped: z.number().int().nonnegative(),
  lastDeliveredAt: z.iso.datetime().optional(),
  lastError: z.string().optional(),
  lastErrorAt: z.iso.datetime().optional(),
  nextAttemptAt: z.iso.datetime().optional(),
  /** Failed attempts in a row that open its host's circuit (the breaker's setting). */
  breakerFailures: z.number().int().positive().optional(),
});
export type NotifyTargetStatus = z.infer<typeof NotifyTargetStatus>;

export const NotifyStatus = z.object({ targets: z.array(NotifyTargetStatus) });
export type NotifyStatus = z.infer<typeof NotifyStatus>;

/** A scheduled job, as the scheduler of this process has it. */
export const ScheduleEntry = z.object({
  project: z.string(),
  nodeId: z.string(),
  cron: z.string(),
  timezone: z.string().optional(),
  nextRunAt: z.iso.datetime().optional(),
  /** The run a tick started last, and whether one is still going. */
  lastRunId: z.string().optional(),
  lastRunAt: z.iso.datetime().optional(),
  running: z.boolean(),
  /** Ticks skipped because the previous run of the job had not ended. */
  skipped: z.number().int().nonnegative(),
  lastSkippedAt: z.iso.datetime().optional(),
});
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

/**
 * Why a run was started: by hand (`click` in the app or the web mode, `cli` for `dockwright up`;
 * `manual` when the caller did not say), by a job's schedule, or as a rerun of an earlier run.
 */
export const RunTrigger = z.enum(['manual', 'click', 'cli', 'schedule', 'rerun']);
export type RunTrigger = z.infer<typeof RunTrigger>;
