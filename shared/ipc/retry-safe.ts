import type { RequestChannel } from './channels';

/*
 * Which requests may be sent again when the link drops while one is in flight: the answer may or
 * may not have been worked out, so only those that do the same thing twice are repeated. Reads,
 * and `runs.start`, whose idempotency key returns the run the first one started. Cleanup, cancel,
 * writes and chaos are not: the caller is told the link was lost and decides.
 */
const SAFE: ReadonlySet<string> = new Set<RequestChannel>([
  'engine.info',
  'engine.images',
  'engine.status',
  'runs.start',
  'runs.list',
  'runs.get',
  'runs.history',
  'runs.details',
  'runs.orphans',
  'runs.volumes',
  'files.list',
  'files.read',
  'files.recent',
  'telemetry.status',
  'telemetry.metrics',
  'telemetry.watchStats',
  'health.get',
  'health.list',
  'settings.get',
  'engine.contexts',
  'app.info',
  'notify.status',
  'schedule.list',
]);

export function isRetrySafe(channel: string): boolean {
  return SAFE.has(channel);
}
