import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatcher } from '../../shared/ipc/dispatcher';
import type { EventSource } from '../../shared/ipc/transport';
import { serveWire, type ResumeFrom } from '../../shared/ipc/wire-server';
import type { RefusalLog } from './refusal-log';
import type { WebLimits } from './web-limits';
import { webSocketWire } from './ws-wire';

export interface WebSocketsOptions {
  readonly dispatcher: Dispatcher;
  readonly events: EventSource;
  readonly limits: WebLimits;
  readonly refusals: RefusalLog;
}

export interface WebSockets {
  /** Upgrades an already authorised request, or refuses it with 503 when the cap is reached. */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

/** The close code `ws` sent for the error it reports (its codes, `WS_ERR_*`). */
function closeCodeFor(code: string | undefined): number {
  if (code === 'WS_ERR_INVALID_UTF8') return 1007;
  if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return 1009;
  return 1002;
}

/** Where a reconnecting page left off: `/api/ws?epoch=<its server's sequence>&since=<last batch>`. */
export function resumeFrom(requestUrl: string | undefined): ResumeFrom {
  const params = new URL(requestUrl ?? '/', 'http://localhost').searchParams;
  const epoch = params.get('epoch') ?? undefined;
  const since = Number(params.get('since') ?? Number.NaN);
  return {
    ...(epoch && /^[0-9a-f]{1,64}$/.test(epoch) ? { epoch } : {}),
    ...(Number.isSafeInteger(since) && since >= 0 ? { since } : {}),
  };
}

/** Answers an upgrade request with a plain HTTP status and closes the connection. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The WebSocket side of the web mode: at most `maxWebSockets` clients, messages up to
 * `maxMessageBytes` (`ws` closes bigger ones with 1009 and invalid UTF-8 with 1007), an `error`
 * listener on every socket (without one, such a close would throw and end the process), and a
 * ping every `webSocketPingMs` that closes a client which did not answer the previous one.
 */
export function createWebSockets(options: WebSocketsOptions): WebSockets {
  const { limits, refusals } = options;
  const server = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    skipUTF8Validation: false,
    perMessageDeflate: false,
    clientTracking: true,
  });
  server.on('wsClientError', (error: Error, socket: Duplex) => {
    refusals.refuse({ status: 400, reason: `bad websocket handshake: ${error.message}`, path: '/api/ws' });
    refuseUpgrade(socket, 400);
  });

  const answered = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const client of server.clients) {
      if (!answered.has(client)) {
        refusals.refuse({ status: 1001, reason: 'websocket missed a ping', path: '/api/ws' });
        client.terminate();
        continue;
      }
      answered.delete(client);
      client.ping();
    }
  }, limits.webSocketPingMs);
  heartbeat.unref();

  const serve = (ws: WebSocket, request: IncomingMessage) => {
    answered.add(ws);
    ws.on('pong', () => answered.add(ws));
    ws.on('error', (error: Error & { code?: string }) => {
      // `ws` has already sent the close frame; a reset is a client gone, not a refusal.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return;
      refusals.refuse({
        status: closeCodeFor(error.code),
        reason: error.code ?? error.message,
        path: '/api/ws',
      });
    });
    serveWire(
      webSocketWire(ws, { limits, refusals }),
      options.dispatcher,
      options.events,
      resumeFrom(request.url),
    );
  };

  return {
    accept(request, socket, head) {
      if (server.clients.size >= limits.maxWebSockets) {
        refusals.refuse({ status: 503, reason: 'too many websockets', path: '/api/ws' });
        refuseUpgrade(socket, 503);
        return;
      }
      server.handleUpgrade(request, socket, head, serve);
    },
    close() {
      clearInterval(heartbeat);
      for (const client of server.clients) client.terminate();
      server.close();
    },
  };
}
