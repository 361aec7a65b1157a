import { MAX_PAYLOAD_DEPTH } from '../../shared/ipc/envelope';

/**
 * What one client may cost the web mode. Every limit is checked before the work it bounds: bytes
 * while they stream in, the JSON shape in one linear pass before `JSON.parse`, connections when
 * they are accepted. See docs/web-mode.md#limits for the reasons behind each number.
 */
export interface WebLimits {
  /** Largest request body (`POST /api/rpc`) and WebSocket message, in bytes (413 / close 1009). */
  readonly maxMessageBytes: number;
  /** Deepest nesting of objects and arrays in one request (413). */
  readonly maxJsonDepth: number;
  /** Most object members plus array items in one request (413). */
  readonly maxJsonEntries: number;
  /** Most members of one JSON object (413). */
  readonly maxJsonObjectMembers: number;
  /** Time for a client to send a request's headers (408). */
  readonly headersTimeoutMs: number;
  /** Time for a client to send a whole request, body included (408). */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  readonly keepAliveTimeoutMs: number;
  /** A connection with no traffic either way is closed after this long (HTTP only). */
  readonly idleTimeoutMs: number;
  /** Open TCP connections, WebSockets included; more are dropped as they arrive. */
  readonly maxConnections: number;
  /** Open WebSockets; another upgrade is refused with 503. */
  readonly maxWebSockets: number;
  /** The server pings each WebSocket this often and closes one that missed the last ping. */
  readonly webSocketPingMs: number;
  /** Unsent bytes queued for one WebSocket (a client that stops reading) before it is closed. */
  readonly maxWebSocketBacklogBytes: number;
  /** Refusals logged per window; more are counted and reported in one line. */
  readonly refusalLogBurst: number;
  readonly refusalLogWindowMs: number;
}

export const DEFAULT_WEB_LIMITS: WebLimits = {
  maxMessageBytes: 1024 * 1024,
  maxJsonDepth: MAX_PAYLOAD_DEPTH,
  maxJsonEntries: 100_000,
  maxJsonObjectMembers: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 120_000,
  maxConnections: 64,
  maxWebSockets: 16,
  webSocketPingMs: 30_000,
  maxWebSocketBacklogBytes: 8 * 1024 * 1024,
  refusalLogBurst: 20,
  refusalLogWindowMs: 10_000,
};
