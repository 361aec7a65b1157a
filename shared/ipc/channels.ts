/*
 * The names of the contract's channels and events, without their schemas, for the places that
 * need only the names (the preload's allow-list stays free of zod). contract.ts checks, at compile
 * time, that its schema maps have exactly these keys.
 */
export const REQUEST_CHANNELS = [
  'engine.info',
  'engine.images',
  'engine.status',
  'runs.start',
  'runs.cancel',
  'runs.cleanup',
  'runs.list',
  'runs.rerun',
  'runs.history',
  'runs.details',
  'runs.get',
  'runs.orphans',
  'runs.adopt',
  'runs.volumes',
  // files: topology files under <dataDir>/topologies/, by paths relative to it
  'files.list',
  'files.read',
  'files.write',
  'files.recent',
  // telemetry: exporter status, metric values (spans are pushed only), asking for container usage
  'telemetry.status',
  'telemetry.metrics',
  'telemetry.watchStats',
  // health: the monitor's view of a project's services; chaos: hurt one on purpose
  'health.get',
  'health.list',
  'chaos.kill',
  // desktop: settings, the engine Test button and docker contexts, About, native dialogs, closing
  'settings.get',
  'settings.set',
  'engine.test',
  'engine.contexts',
  'app.info',
  'app.close',
  'dialog.open',
  'dialog.save',
  // workflows: the notification outbox's targets, the jobs run on schedule
  'notify.status',
  'schedule.list',
] as const;
export const EVENT_NAMES = [
  'engine.status',
  'run.node',
  'run.log',
  'run.status',
  'telemetry.spans',
  'telemetry.metrics',
  'telemetry.status',
  'health.status',
  'health.recovery',
  'settings.changed',
  'app.command',
  'notify.status',
  'schedule.status',
] as const;

export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export type EventName = (typeof EVENT_NAMES)[number];

const requestSet: ReadonlySet<string> = new Set(REQUEST_CHANNELS);
const eventSet: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && requestSet.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name);
}

/** The only two Electron IPC channels: requests in (`ipcMain.handle`), event batches out. */
export const ELECTRON_INVOKE_CHANNEL = 'dockwright:invoke';
export const ELECTRON_EVENTS_CHANNEL = 'dockwright:events';
