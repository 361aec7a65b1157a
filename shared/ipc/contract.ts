import { z } from 'zod';
import { EVENT_NAMES, REQUEST_CHANNELS, type EventName, type RequestChannel } from './channels';
import { Topology } from '../topology/model';
import { ErrorData } from './errors';

export { EVENT_NAMES, REQUEST_CHANNELS, isEventName, isRequestChannel } from './channels';
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
  /** What the run did with the node's Docker resources: created, reused, recreated. */
  action: z.string().optional(),
});
export type NodeRunState = z.infer<typeof NodeRunState>;

export const RunState = z.enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted']);
export type RunState = z.infer<typeof RunState>;

export const RunSummary = z.object({
  runId: z.string(),
  project: z.string(),
  idempotencyKey: z.string(),
  state: RunState,
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
  nodes: z.record(z.string(), NodeRunState),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunLogLine = z.object({
  runId: z.string(),
  nodeId: z.string(),
  stream: z.enum(['stdout', 'stderr', 'system']),
  text: z.string(),
  at: z.iso.datetime(),
});
export type RunLogLine = z.infer<typeof RunLogLine>;

export const CleanupReport = z.object({
  project: z.string(),
  containers: z.number().int().nonnegative(),
  networks: z.number().int().nonnegative(),
  volumes: z.number().int().nonnegative(),
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
      /** Absolute folder that relative build contexts resolve against (the topology file's). */
      baseDir: z
        .string()
        .max(4096)
        .regex(/^(\/|[A-Za-z]:[\\/])/, 'an absolute path')
        .optional(),
    }),
    output: RunSummary,
  },
  'runs.cancel': { input: z.strictObject({ runId: RunId }), output: RunSummary },
  'runs.cleanup': { input: z.strictObject({ project: ProjectName }), output: CleanupReport },
  'runs.list': { input: NoInput, output: z.array(RunSummary) },
  'runs.get': { input: z.strictObject({ runId: RunId }), output: RunSummary },
  'runs.orphans': { input: NoInput, output: z.array(OrphanProject) },
  'runs.adopt': { input: z.strictObject({ project: ProjectName }), output: RunSummary },
  // files
  'files.list': { input: NoInput, output: z.array(TopologyFileEntry) },
  'files.read': { input: z.strictObject({ path: TopologyFilePath }), output: TopologyFileContent },
  'files.write': {
    input: z.strictObject({ path: TopologyFilePath, content: z.string() }),
    output: TopologyFileWritten,
  },
  /** Recent paths, most recent first (at most 10); files that are gone are left out. */
  'files.recent': { input: NoInput, output: z.array(TopologyFilePath) },
} as const satisfies Record<RequestChannel, RequestSpec>;

export const events = {
  'engine.status': EngineStatus,
  'run.node': NodeRunState.extend({ runId: z.string() }),
  'run.log': RunLogLine,
  'run.status': RunSummary.omit({ nodes: true }),
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
