import { z } from 'zod';
import { APP_COMMAND_IDS } from '../commands/app-commands';
import { ErrorCode } from './errors';
import { NotificationTarget } from '../topology/workflow-parts';
import { HISTORY_DEFAULTS, HistoryLimits } from './run-history-contract';

/*
 * The desktop product's part of the contract: settings (kept in `<data dir>/settings.json`), the
 * engine Test button and docker contexts, what the app is (About), the native file dialogs of the
 * desktop window, and the commands its menu sends.
 */

export const SETTINGS_VERSION = 1;

export const ThemeChoice = z.enum(['system', 'light', 'dark']);
export type ThemeChoice = z.infer<typeof ThemeChoice>;

const ENGINE_SCHEMES = /^(unix|npipe|tcp|ssh|http|https):\/\/\S+$/;

/** Which Docker engine the app talks to. `default` is DOCKER_HOST, else the platform's socket. */
export const EngineChoice = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('default') }),
  z.strictObject({
    kind: z.literal('host'),
    host: z
      .string()
      .max(2048)
      .regex(ENGINE_SCHEMES, 'an engine address: unix://, npipe://, tcp://, ssh://, http:// or https://'),
  }),
  z.strictObject({
    kind: z.literal('context'),
    name: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]*$/, 'a docker context name'),
  }),
]);
export type EngineChoice = z.infer<typeof EngineChoice>;

/** An HTTP header name (RFC 9110 token). */
const HeaderName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name');

export const OtlpSettings = z.strictObject({
  /** Base endpoint (`/v1/traces` is added), e.g. `http://127.0.0.1:4318`. Empty: the OTEL_* variables. */
  endpoint: z
    .string()
    .max(2048)
    .regex(/^https?:\/\/\S+$/, 'an http:// or https:// URL')
    .optional(),
  /** Sent with every export; often credentials, so the UI masks the values. */
  headers: z.record(HeaderName, z.string().max(8192)),
});
export type OtlpSettings = z.infer<typeof OtlpSettings>;

export const LOG_BUFFER_LINES = { min: 1_000, max: 1_000_000, default: 100_000 } as const;

export const AppSettings = z.strictObject({
  version: z.literal(SETTINGS_VERSION),
  engine: EngineChoice,
  otlp: OtlpSettings,
  /** Serve `GET /metrics` on 127.0.0.1 at this port; null: off. */
  metrics: z.strictObject({ port: z.number().int().min(1).max(65535) }).nullable(),
  theme: ThemeChoice,
  /** The renderer's log ring buffer: lines kept per node. */
  logBufferLines: z.number().int().min(LOG_BUFFER_LINES.min).max(LOG_BUFFER_LINES.max),
  /** The first-run welcome was closed: it does not open by itself again. */
  welcomeDismissed: z.boolean(),
  /** Webhooks told of every project's run ends and unhealthy services (besides a topology's own). */
  notifications: z.array(NotificationTarget),
  /** How much run history is kept: older runs are pruned after each run. */
  history: HistoryLimits,
});
export type AppSettings = z.infer<typeof AppSettings>;

export const DEFAULT_SETTINGS: AppSettings = {
  version: SETTINGS_VERSION,
  engine: { kind: 'default' },
  otlp: { headers: {} },
  metrics: null,
  theme: 'system',
  logBufferLines: LOG_BUFFER_LINES.default,
  welcomeDismissed: false,
  notifications: [],
  history: { maxRuns: HISTORY_DEFAULTS.maxRuns, maxAgeDays: HISTORY_DEFAULTS.maxAgeDays },
};

/** What `settings.set` takes: some of the fields; the rest stays as it is. */
export const SettingsPatch = AppSettings.omit({ version: true }).partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const SettingsView = z.object({
  settings: AppSettings,
  /** Where the app keeps its data (read-only here: chosen by the app or `--data-dir`). */
  dataDir: z.string(),
  file: z.string(),
  /** The engine address in use now, as a person writes it. */
  engineHost: z.string(),
  /** The metrics endpoint's URL while it serves. */
  metricsUrl: z.string().optional(),
  /** What did not apply, or applies only later, in words (a port in use, a missing context, …). */
  notes: z.array(z.string()),
});
export type SettingsView = z.infer<typeof SettingsView>;

export const EngineTestResult = z.object({
  ok: z.boolean(),
  /** The address tried. */
  host: z.string(),
  version: z.string().optional(),
  apiVersion: z.string().optional(),
  /** What happened, in words: "Docker 27.1 answered in 12 ms", or why it did not. */
  message: z.string(),
  /** Why it did not, as a stable code (ENGINE_UNAVAILABLE, INVALID_INPUT, NOT_FOUND, …). */
  code: ErrorCode.optional(),
  durationMs: z.number().nonnegative(),
});
export type EngineTestResult = z.infer<typeof EngineTestResult>;

export const DockerContext = z.object({
  name: z.string(),
  host: z.string(),
  description: z.string().optional(),
  /** The context brings TLS material (`~/.docker/contexts/tls/…`). */
  tls: z.boolean(),
  /** The docker CLI's current context (DOCKER_CONTEXT, else config.json's `currentContext`). */
  current: z.boolean(),
});
export type DockerContext = z.infer<typeof DockerContext>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  /** `desktop` in the Electron window, `web` in the web mode. */
  mode: z.enum(['desktop', 'web']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

const FileFilter = z.strictObject({
  name: z.string().max(100),
  extensions: z.array(z.string().regex(/^[A-Za-z0-9]{1,10}$/)).max(10),
});

export const DialogOpenInput = z.strictObject({
  title: z.string().max(200).optional(),
  filters: z.array(FileFilter).max(10).optional(),
});
export const DialogOpenResult = z.discriminatedUnion('canceled', [
  z.object({ canceled: z.literal(true) }),
  z.object({
    canceled: z.literal(false),
    /** The absolute path the user picked (shown, never sent back to be read again). */
    path: z.string(),
    name: z.string(),
    content: z.string(),
  }),
]);
export type DialogOpenResult = z.infer<typeof DialogOpenResult>;

export const DialogSaveInput = z.strictObject({
  title: z.string().max(200).optional(),
  suggestedName: z.string().min(1).max(255),
  content: z.string(),
  filters: z.array(FileFilter).max(10).optional(),
});
export const DialogSaveResult = z.discriminatedUnion('canceled', [
  z.object({ canceled: z.literal(true) }),
  z.object({ canceled: z.literal(false), path: z.string(), name: z.string() }),
]);
export type DialogSaveResult = z.infer<typeof DialogSaveResult>;

export const AppCommandId = z.enum(APP_COMMAND_IDS);

/** A command from the desktop menu (or the window's close button: `file.close`). */
export const AppCommandEvent = z.object({
  command: AppCommandId,
  /** `file.openRecent`: the file to open (a path under the topologies folder). */
  path: z.string().max(1024).optional(),
});
export type AppCommandEvent = z.infer<typeof AppCommandEvent>;
