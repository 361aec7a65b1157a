import { z } from 'zod';
import { EVENT_NAMES, REQUEST_CHANNELS, type EventName, type RequestChannel } from './channels';
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

interface RequestSpec {
  input: z.ZodType;
  output: z.ZodType;
}

export const requests = {
  'engine.info': { input: NoInput, output: EngineInfo },
  'engine.images': { input: NoInput, output: z.array(ImageSummary) },
  'engine.status': { input: NoInput, output: EngineStatus },
} as const satisfies Record<RequestChannel, RequestSpec>;

export const events = {
  'engine.status': EngineStatus,
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
