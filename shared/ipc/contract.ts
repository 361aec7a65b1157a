import { z } from 'zod';
import { EVENT_NAMES, REQUEST_CHANNELS, type EventName, type RequestChannel } from './channels';
import { Topology } from '../topology/model';
import { ErrorData } from './errors';
import { ChaosKillResult, HealthRecovery, HealthStatus, HealthSummary } from './health-contract';
import {
  AppCommandEvent,
  AppInfo,
  DialogOpenInput,
  DialogOpenResult,
  DialogSaveInput,
  DialogSaveResult,
  DockerContext,
  EngineChoice,
  EngineTestResult,
  SettingsPatch,
  SettingsView,
} from './desktop-contract';
import { NotifyStatus, RunTrigger, ScheduleEntry } from './workflow-contract';
import { HistoryInput, JobOutputs, KeptLogLine, RerunInput, RerunOrigin } from './run-history-contract';

export { EVENT_NAMES, REQUEST_CHANNELS, isEventName, isRequestChannel } from './channels';
export * from './health-contract';
export * from './desktop-contract';
export * from './workflow-contract';
export * from './run-history-contract';
export type { EventName, RequestChannel } from './channels';

/*
 * The one contract between the renderer and the main side. Each request channel is
 * `domain.verb` -> { input, output }; each pushed event is a name -> payload schema.
 * Types are inferred from these schemas; nothing else names a channel by hand.
 */

const NoInput = z.strictObject({});

export const EngineInfo = z.discriminatedUnion('reachable', [
  z.object({
    reachable: z.literal(true),
    /** Where the engine was reached, e.g. `unix:///var/run/docker.sock` or `tcp://host:2376`. */
    host: z.string(),
    name: z.string(),
    version: z.string(),
    apiVersion: z.string(),
    os: z.string(),
    osType: z.string(),
    arch: z.string(),
    kernelVersion: z.string(),
    containers: z.number().int().nonnegative(),
    containersRunning: z.number().int().nonnegative(),
    images: z.number().int().nonnegative(),
  }),
  z.object({
    reachable: z.literal(false),
    host: z.string(),
    error: ErrorData,
  }),
]);
export type EngineInfo = z.infer<typeof EngineInfo>;

export const ImageSummary = z.object({
  id: z.string(),
  tags: z.array(z.string()),
  sizeBytes: z.number().nonnegative(),
  createdAt: z.iso.datetime(),
});
export type ImageSummary = z.infer<typeof ImageSummary>;

export const EngineState = z.enum(['connecting', 'connected', 'disconnected']);
export type EngineState = z.infer<typeof EngineState>;

export const EngineStatus = z.object({
  state: EngineState,
  host: z.string(),
  version: z.string().optional(),
  apiVersion: z.string().optional(),
  /** Container runtimes the engine has (`runc`, ...), when connected: fields depend on them. */
  runtimes: z.array(z.string()).optional(),
  /** True when the engine is a manager of an active Swarm (runs may deploy there), when connected. */
  swarmManager: z.boolean().optional(),
  /** Why the engine is not connected, in words a person understands. */
  reason: z.string().optional(),
  since: z.iso.datetime(),
});
export type EngineStatus = z.infer<typeof EngineStatus>;

export const NodeRunStateName = z.enum([
  'pending',
  'starting',
  'running',
  'healthy',
  'completed',
  'retrying',
  'failed',
  'skipped',
  'cancelled',
]);
export type NodeRunStateName = z.infer<typeof NodeRunStateName>;

export const NodeRunState = z.object({
  nodeId: z.string(),
  state: NodeRunStateName,
  at: z.iso.datetime(),
  attempt: z.number().int().positive().optional(),
  maxAttempts: z.number().int().positive().optional(),
  /** Before the next attempt, while retrying. */
  delayMs: z.number().nonnegative().optional(),
  error: z.object({ kind: z.string(), message: z.string() }).optional(),
  /** Why a node was skipped or what it is waiting for, in words. */
  reason: z.string().optional(),
  /** What the run did with the node's Docker resources: created, reused, recreated, updated. */
  action: z.string().optional(),
  /** On a Swarm: the service's tasks running (for a job: completed) and how many are wanted. */
  tasks: z
    .object({ running: z.number().int().nonnegative(), desired: z.number().int().nonnegative() })
    .optional(),
  /** A completed job's outputs (`$DOCKWRIGHT_OUTPUT`), given to its dependents as `<JOB>_<KEY>`. */
  outputs: JobOutputs.optional(),
});
export type NodeRunState = z.infer<typeof NodeRunState>;

/** Where a run deploys: this engine's containers (the default), or the Swarm this engine manages. */
export const RunTarget = z.enum(['engine', 'swarm']);
export type RunTarget = z.infer<typeof RunTarget>;

export const RunState = z.enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted']);
export type RunState = z.infer<typeof RunState>;

export const RunSummary = z.object({
  runId: z.string(),
  project: z.string(),
  idempotencyKey: z.string(),
  state: RunState,
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
  /** Set when the run deploys on a Swarm. */
  target: RunTarget.optional(),
  /** Why it started, when not by hand: a job's schedule. */
  trigger: RunTrigger.optional(),
  /** Set on a rerun: the run it reran, and the node it reran from when one was named. */
  rerun: RerunOrigin.optional(),
  nodes: z.record(z.string(), NodeRunState),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunLogLine = z.object({
  runId: z.string(),
  nodeId: z.string(),
  stream: z.enum(['stdout', 'stderr', 'system']),
  text: z.string(),
  at: z.iso.datetime(),
  /** Set on a marker line (stream `system`): this many lines of the node were dropped here. */
  dropped: z.number().int().positive().optional(),
});
export type RunLogLine = z.infer<typeof RunLogLine>;

export const CleanupReport = z.object({
  project: z.string(),
  containers: z.number().int().nonnegative(),
  networks: z.number().int().nonnegative(),
  volumes: z.number().int().nonnegative(),
  /** Named volumes left in place (Compose semantics: `down` keeps data unless asked). */
  volumesKept: z.array(z.string()).optional(),
  /** On a Swarm: services, secrets and configs removed. */
  services: z.number().int().nonnegative().optional(),
  secrets: z.number().int().nonnegative().optional(),
  configs: z.number().int().nonnegative().optional(),
  errors: z.array(z.string()),
});
export type CleanupReport = z.infer<typeof CleanupReport>;

export const OrphanProject = z.object({
  project: z.string(),
  containers: z.number().int().nonnegative(),
  networks: z.number().int().nonnegative(),
  volumes: z.number().int().nonnegative(),
  runIds: z.array(z.string()),
});
export type OrphanProject = z.infer<typeof OrphanProject>;

/** A named volume of a project, for the Clean up dialog. */
export const ProjectVolume = z.object({
  name: z.string(),
  nodeId: z.string(),
  /** Bytes in use; absent when the engine cannot tell. */
  sizeBytes: z.number().int().nonnegative().optional(),
  /** Created outside Dockwright: never removed by it. */
  external: z.boolean(),
});
export type ProjectVolume = z.infer<typeof ProjectVolume>;

/** One dangerous setting of a node, as listed for consent. */
export const DangerousSetting = z.object({
  nodeId: z.string(),
  /** The field, e.g. `privileged`, `capAdd`, `mounts[2].source`. */
  setting: z.string(),
  value: z.string(),
  /** Why it is dangerous, in words. */
  reason: z.string(),
});
export type DangerousSetting = z.infer<typeof DangerousSetting>;

/** The `details` of a CONSENT_REQUIRED error: what to show, and the fingerprint to consent to. */
export const ConsentRequest = z.object({
  settings: z.array(DangerousSetting),
  /** Stable hash of `settings`: consenting to it runs exactly these settings, nothing else. */
  fingerprint: z.string(),
});
export type ConsentRequest = z.infer<typeof ConsentRequest>;

const ProjectName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a project name: lowercase letters, digits, - and _');
const RunId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

// --- files: topology files under <dataDir>/topologies/ ---------------------------------------
/** A path relative to the topologies folder; the main side checks it (no `..`, links, devices). */
const TopologyFilePath = z.string().min(1).max(1024);
export const TopologyFileEntry = z.object({
  path: TopologyFilePath,
  name: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  modifiedAt: z.iso.datetime(),
});
export type TopologyFileEntry = z.infer<typeof TopologyFileEntry>;
export const TopologyFileContent = z.object({
  path: TopologyFilePath,
  content: z.string(),
  modifiedAt: z.iso.datetime(),
});
export type TopologyFileContent = z.infer<typeof TopologyFileContent>;
export const TopologyFileWritten = z.object({ path: TopologyFilePath, modifiedAt: z.iso.datetime() });
export type TopologyFileWritten = z.infer<typeof TopologyFileWritten>;
// --- end files ------------------------------------------------------------------------------

// --- telemetry: spans for the waterfall, metric samples for the charts, exporter status --------
const AttributeValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])),
]);
const Attributes = z.record(z.string(), AttributeValue);
export const SpanData = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().optional(),
  /** The run the span belongs to (every span of a run's trace carries it). */
  runId: z.string().optional(),
  name: z.string(),
  kind: z.enum(['internal', 'server', 'client', 'producer', 'consumer']),
  /** Epoch milliseconds with sub-millisecond precision. */
  startTime: z.number(),
  /** Absent while the span is open; the same spanId is sent again, with endTime, when it ends. */
  endTime: z.number().optional(),
  status: z.object({ code: z.enum(['unset', 'ok', 'error']), message: z.string().optional() }),
  attributes: Attributes,
  events: z.array(z.object({ name: z.string(), time: z.number(), attributes: Attributes })),
});
export type SpanData = z.infer<typeof SpanData>;
export const TelemetrySpans = z.object({
  spans: z.array(SpanData),
  /** Spans the main side's bounded feed dropped since the previous batch (0 normally). */
  dropped: z.number().int().nonnegative(),
});
export type TelemetrySpans = z.infer<typeof TelemetrySpans>;
export const MetricSample = z.object({
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  value: z.number(),
});
export type MetricSample = z.infer<typeof MetricSample>;
export const TelemetryMetrics = z.object({ at: z.number(), samples: z.array(MetricSample) });
export type TelemetryMetrics = z.infer<typeof TelemetryMetrics>;
export const TelemetryStatus = z.object({
  serviceName: z.string(),
  export: z.discriminatedUnion('enabled', [
    z.object({ enabled: z.literal(false) }),
    z.object({
      enabled: z.literal(true),
      url: z.string(),
      protocol: z.enum(['http/json', 'http/protobuf']),
      /** `failing` from a failed batch until the next one succeeds; runs are never affected. */
      state: z.enum(['idle', 'ok', 'failing']),
      exportedSpans: z.number().int().nonnegative(),
      failedBatches: z.number().int().nonnegative(),
      lastError: z.string().optional(),
      lastErrorAt: z.iso.datetime().optional(),
      warnings: z.array(z.string()),
    }),
  ]),
  /** Spans the live feed dropped because nobody kept up (never expected). */
  feedDroppedSpans: z.number().int().nonnegative(),
});
export type TelemetryStatus = z.infer<typeof TelemetryStatus>;
// --- end telemetry --------------------------------------------------------------------------

/** A run opened from the history: its summary, the kept tail of its logs, its kept spans. */
export const RunDetails = z.object({
  summary: RunSummary,
  /** The last lines of each node, oldest first (at most `HISTORY_DEFAULTS.logLinesPerNode`). */
  logs: z.array(KeptLogLine),
  /** The run's trace as it was when the run ended (empty when it was not traced). */
  spans: z.array(SpanData),
});
export type RunDetails = z.infer<typeof RunDetails>;

interface RequestSpec {
  input: z.ZodType;
  output: z.ZodType;
}

export const requests = {
  'engine.info': { input: NoInput, output: EngineInfo },
  'engine.images': { input: NoInput, output: z.array(ImageSummary) },
  'engine.status': { input: NoInput, output: EngineStatus },
  'runs.start': {
    input: z.strictObject({
      topology: Topology,
      idempotencyKey: z.string().min(1).max(128),
      project: ProjectName.optional(),
      /** Absolute folder that relative paths (build contexts, bind sources, env files) resolve against. */
      baseDir: z
        .string()
        .max(4096)
        .regex(/^(\/|[A-Za-z]:[\\/])/, 'an absolute path')
        .optional(),
      /** The saved topology file (under the data directory) the run comes from: its folder is the base dir. */
      file: TopologyFilePath.optional(),
      /** Active Compose profiles: nodes with `profiles` run only when one of theirs is active. */
      profiles: z.array(z.string().min(1).max(64)).max(64).optional(),
      /** The fingerprint of the dangerous settings the user agreed to run (see CONSENT_REQUIRED). */
      consent: z.string().max(128).optional(),
      /** Build contexts may lie outside the topology's folder (refused by default: a build sends it all). */
      allowOutsideContext: z.boolean().optional(),
      /** Where to deploy: this engine (default) or the Swarm it manages. */
      target: RunTarget.optional(),
    }),
    output: RunSummary,
  },
  'runs.cancel': { input: z.strictObject({ runId: RunId }), output: RunSummary },
  /** Removes the project's containers and networks; named volumes too only with `volumes: true`. */
  'runs.cleanup': {
    input: z.strictObject({
      project: ProjectName,
      volumes: z.boolean().optional(),
      target: RunTarget.optional(),
    }),
    output: CleanupReport,
  },
  'runs.list': { input: NoInput, output: z.array(RunSummary) },
  /** Reruns a project's last run (or the run named) from where it failed, or from `from`. */
  'runs.rerun': { input: RerunInput, output: RunSummary },
  /** The run history, newest first (of one project when asked), bounded by `limit`. */
  'runs.history': { input: HistoryInput, output: z.array(RunSummary) },
  /** One run as its history keeps it: node states and outputs, the tail of its logs, its trace. */
  'runs.details': { input: z.strictObject({ runId: RunId }), output: RunDetails },
  'runs.get': { input: z.strictObject({ runId: RunId }), output: RunSummary },
  'runs.orphans': { input: NoInput, output: z.array(OrphanProject) },
  'runs.adopt': { input: z.strictObject({ project: ProjectName }), output: RunSummary },
  /** The project's named volumes with their sizes (what Clean up with volumes would remove). */
  'runs.volumes': {
    input: z.strictObject({ project: ProjectName, target: RunTarget.optional() }),
    output: z.array(ProjectVolume),
  },
  // files
  'files.list': { input: NoInput, output: z.array(TopologyFileEntry) },
  'files.read': { input: z.strictObject({ path: TopologyFilePath }), output: TopologyFileContent },
  'files.write': {
    input: z.strictObject({ path: TopologyFilePath, content: z.string() }),
    output: TopologyFileWritten,
  },
  /** Recent paths, most recent first (at most 10); files that are gone are left out. */
  'files.recent': { input: NoInput, output: z.array(TopologyFilePath) },
  // telemetry
  'telemetry.status': { input: NoInput, output: TelemetryStatus },
  /** Current metric values (all of the app's, or the named ones); histogram buckets on request. */
  'telemetry.metrics': {
    input: z.strictObject({
      names: z.array(z.string().max(200)).max(100).optional(),
      buckets: z.boolean().optional(),
    }),
    output: TelemetryMetrics,
  },
  /**
   * Asks for the containers' CPU and memory to be read from the engine for the next 45 s (they
   * are read only while someone looks): a window showing the Metrics panel asks again well within.
   */
  'telemetry.watchStats': { input: NoInput, output: z.strictObject({ until: z.iso.datetime() }) },
  // health: by run, or by project (the one being watched, else its latest run's history)
  'health.get': {
    input: z
      .strictObject({ runId: RunId.optional(), project: ProjectName.optional() })
      .refine((input) => input.runId !== undefined || input.project !== undefined, 'a runId or a project'),
    output: HealthSummary,
  },
  'health.list': { input: NoInput, output: z.array(HealthSummary) },
  /** Kills a running node's containers hard (SIGKILL), to watch the monitor heal them. */
  'chaos.kill': {
    input: z.strictObject({ project: ProjectName, nodeId: z.string().min(1).max(128) }),
    output: ChaosKillResult,
  },
  // desktop (desktop-contract.ts)
  'settings.get': { input: NoInput, output: SettingsView },
  'settings.set': { input: z.strictObject({ patch: SettingsPatch }), output: SettingsView },
  /** Tries an engine (not necessarily the one in use) and says what happened, within seconds. */
  'engine.test': { input: z.strictObject({ engine: EngineChoice }), output: EngineTestResult },
  'engine.contexts': { input: NoInput, output: z.array(DockerContext) },
  'app.info': { input: NoInput, output: AppInfo },
  /** Desktop only: closes the window (the renderer asked about unsaved changes first). */
  'app.close': { input: NoInput, output: z.object({ closing: z.boolean() }) },
  /** Desktop only (`capabilities.nativeDialogs`): the system's open and save dialogs. */
  'dialog.open': { input: DialogOpenInput, output: DialogOpenResult },
  'dialog.save': { input: DialogSaveInput, output: DialogSaveResult },
  // workflows (workflow-contract.ts)
  'notify.status': { input: NoInput, output: NotifyStatus },
  'schedule.list': { input: NoInput, output: z.array(ScheduleEntry) },
} as const satisfies Record<RequestChannel, RequestSpec>;

export const events = {
  'engine.status': EngineStatus,
  'run.node': NodeRunState.extend({ runId: z.string() }),
  'run.log': RunLogLine,
  'run.status': RunSummary.omit({ nodes: true }),
  // telemetry: ended (and newly opened) spans about every 200 ms; key metric series every second
  'telemetry.spans': TelemetrySpans,
  'telemetry.metrics': TelemetryMetrics,
  'telemetry.status': TelemetryStatus,
  // health: a service's state changed; a recovery step (attempt, result)
  'health.status': HealthStatus,
  'health.recovery': HealthRecovery,
  'settings.changed': SettingsView,
  // desktop: a menu entry was chosen (or the window's close button pressed: `file.close`)
  'app.command': AppCommandEvent,
  // workflows: a notification target's state changed; a scheduled job ticked, ran or skipped
  'notify.status': NotifyStatus,
  'schedule.status': ScheduleEntry,
} as const satisfies Record<EventName, z.ZodType>;

export type Requests = typeof requests;
export type Events = typeof events;
export type RequestInput<C extends RequestChannel> = z.input<Requests[C]['input']>;
/** What a handler receives: the input after parsing (defaults applied). */
export type ParsedInput<C extends RequestChannel> = z.output<Requests[C]['input']>;
export type RequestOutput<C extends RequestChannel> = z.output<Requests[C]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const requestChannels: readonly RequestChannel[] = REQUEST_CHANNELS;
export const eventNames: readonly EventName[] = EVENT_NAMES;
