import { z } from 'zod';
import {
  HealthSpec,
  JobSchedule,
  Layout,
  NotificationTarget,
  RecoveryPolicy,
  RetryPolicy,
  RunHandlers,
  StringMap,
} from '../topology/model';

/** The extension field that carries what Compose cannot say, so an export re-imports whole. */
export const DOCKWRIGHT_EXTENSION = 'x-dockwright';

export const DockwrightNodeExtension = z.object({
  /** The node id, when it differs from the Compose key. */
  id: z.string().optional(),
  kind: z.literal('job').optional(),
  description: z.string().optional(),
  retry: RetryPolicy.optional(),
  timeout: z.string().optional(),
  successExitCodes: z.array(z.number().int()).optional(),
  recovery: RecoveryPolicy.optional(),
  health: HealthSpec.optional(),
  schedule: JobSchedule.optional(),
});
export type DockwrightNodeExtension = z.infer<typeof DockwrightNodeExtension>;

export const DockwrightTopExtension = z.object({
  description: z.string().optional(),
  labels: StringMap.optional(),
  layout: Layout.optional(),
  notifications: z.array(NotificationTarget).optional(),
  handlers: RunHandlers.optional(),
});
export type DockwrightTopExtension = z.infer<typeof DockwrightTopExtension>;
