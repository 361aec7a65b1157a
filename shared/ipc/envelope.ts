import { z } from 'zod';
import { ErrorData } from './errors';

/** W3C trace context `traceparent` header value: version-traceid-parentid-flags. */
export const TRACEPARENT_PATTERN = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Every request travels in this envelope, whatever the transport. */
export const RequestEnvelope = z.object({
  id: z.string().min(1).max(128),
  channel: z.string().min(1).max(128),
  payload: z.unknown(),
  traceparent: z.string().regex(TRACEPARENT_PATTERN, 'not a W3C traceparent').optional(),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;

export const ResponseEnvelope = z.discriminatedUnion('ok', [
  z.object({ id: z.string(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.string(), ok: z.literal(false), error: ErrorData }),
]);
export type ResponseEnvelope = z.infer<typeof ResponseEnvelope>;

export const EventMessage = z.object({ event: z.string(), payload: z.unknown() });
export type EventMessage = z.infer<typeof EventMessage>;

/**
 * Frames of the message-based transports (WebSocket, in-memory pair). Electron IPC carries the
 * same envelopes through `ipcMain.handle` and `webContents.send` instead.
 */
export const WireFrame = z.discriminatedUnion('t', [
  RequestEnvelope.extend({ t: z.literal('req') }),
  z.object({ t: z.literal('res'), response: ResponseEnvelope }),
  z.object({
    t: z.literal('evt'),
    events: z.array(EventMessage),
    /** The batch's number in its server's sequence (1, 2, …), for a reconnect to resume after. */
    seq: z.number().int().positive().optional(),
    /** The server process's sequence: a restarted server has a new one. */
    epoch: z.string().max(64).optional(),
  }),
  /**
   * The server's first frame on a connection: its sequence and where it is in it; `resumed` when
   * the batches the client missed (asked for by `?epoch=&since=`) follow, false when they are gone.
   */
  z.object({
    t: z.literal('hello'),
    epoch: z.string().max(64),
    seq: z.number().int().nonnegative(),
    resumed: z.boolean(),
  }),
]);
export type WireFrame = z.infer<typeof WireFrame>;

/** Largest request a transport accepts, counted in characters of strings plus keys. */
export const MAX_PAYLOAD_CHARS = 4 * 1024 * 1024;
/** Deepest nesting accepted in a payload; deeper input is hostile or broken. */
export const MAX_PAYLOAD_DEPTH = 64;
