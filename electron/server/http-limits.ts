import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { RefusalLog } from './refusal-log';
import type { WebLimits } from './web-limits';

/** Node's own parser and timeout errors, and what each is answered with. */
function statusFor(code: string | undefined): number {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  return 400;
}

/** The response Node is writing on this socket, if any (it keeps it as `_httpMessage`). */
function pendingResponse(socket: Duplex): { headersSent?: boolean } | undefined {
  const message = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  return message ?? undefined;
}

/** A response already under way on this socket cannot be replaced by an error response. */
function responseStarted(socket: Duplex): boolean {
  return pendingResponse(socket)?.headersSent === true;
}

/**
 * Timeouts, the connection cap and the handlers that keep a malformed or abandoned connection
 * from reaching (or crashing) the request handler. Node calls `clientError` for a request line or
 * headers it cannot parse and when a header or request timeout passes.
 */
export function applyHttpLimits(server: Server, limits: WebLimits, refusals: RefusalLog): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  // Node also calls this when an idle keep-alive connection's time is up: closing that is routine.
  server.setTimeout(limits.idleTimeoutMs, (socket: Socket) => {
    const pending = pendingResponse(socket);
    // Quiet because the main side is still working on the answer: the client is not the idle one.
    if (pending !== undefined && pending.headersSent !== true) return;
    if (pending !== undefined) {
      refusals.refuse({
        status: 408,
        reason: 'client stopped reading its answer',
        remote: socket.remoteAddress,
      });
    }
    socket.destroy();
  });

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable || responseStarted(socket)) {
      socket.destroy();
      return;
    }
    const status = statusFor(error.code);
    refusals.refuse({ status, reason: error.code ?? 'malformed request' });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
    );
  });

  server.on('drop', (data?: { remoteAddress?: string }) => {
    refusals.refuse({ status: 503, reason: 'too many connections', remote: data?.remoteAddress });
  });
}
