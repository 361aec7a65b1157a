import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import type { Dispatcher } from '../../shared/ipc/dispatcher';
import type { ResponseEnvelope } from '../../shared/ipc/envelope';
import type { ErrorData } from '../../shared/ipc/errors';
import type { EventSource } from '../../shared/ipc/transport';
import { serveWire } from '../../shared/ipc/wire-server';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import type { Logger } from '../common/logger';
import {
  checkOrigin,
  checkToken,
  cookieName,
  TOKEN_QUERY,
  type GuardOptions,
  type GuardVerdict,
} from './request-guard';
import { webSocketWire } from './ws-wire';

/** Larger than the dispatcher's limit, so an oversized request gets a typed error, not a cut socket. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export interface WebServerOptions {
  dispatcher: Dispatcher;
  events: EventSource;
  logger: Logger;
  /** Built renderer (dist/renderer); without it the page says how to build it. */
  staticDir?: string;
  host?: string;
  port?: number;
  /** Fixed token for tests; normally a random one per start. */
  token?: string;
  /** Served as `GET /metrics` (Prometheus text) without the token, like /healthz. */
  metrics?: { readonly contentType: string; text(): Promise<string> };
}

export interface WebServer {
  /** The URL to open, token included. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly host: string;
  readonly token: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const WILDCARD = new Set(['0.0.0.0', '::', '']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

function allowedHostHeaders(host: string, port: number): Set<string> {
  if (WILDCARD.has(host)) return new Set();
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  names.add(host.includes(':') ? `[${host}]` : host);
  return new Set([...names].map((name) => `${name}:${port}`.toLowerCase()));
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(text);
}

function errorBody(code: ErrorData['code'], message: string): ResponseEnvelope {
  return { id: '', ok: false, error: { code, message } };
}

function refuse(
  response: ServerResponse,
  verdict: Exclude<GuardVerdict, { ok: true }>,
  wantsHtml: boolean,
): void {
  if (wantsHtml && verdict.status === 401) {
    response.writeHead(401, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
    });
    response.end(
      '<!doctype html><title>Dockwright</title><h1>Token required</h1>' +
        '<p>Open the full URL that <code>dockwright web</code> printed (it ends with <code>?token=…</code>).</p>',
    );
    return;
  }
  sendJson(
    response,
    verdict.status,
    errorBody(verdict.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', verdict.reason),
  );
}

async function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The web mode: the built renderer and the contract (HTTP POST /api/rpc, WebSocket /api/ws) on a
 * loopback address, behind a per-start token and Host/Origin checks.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const logger = options.logger.child({ component: 'web-server' });
  const staticDir = options.staticDir && existsSync(options.staticDir) ? options.staticDir : undefined;
  const serveStatic = staticDir
    ? sirv(staticDir, { dev: false, etag: true, single: true, gzip: false, brotli: false })
    : undefined;
  const guard: GuardOptions = { token, port: 0, allowedHosts: new Set() };

  const webSockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const securityHeaders = (response: ServerResponse) => {
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'no-referrer');
    response.setHeader('x-frame-options', 'DENY');
    response.setHeader('cross-origin-opener-policy', 'same-origin');
    response.setHeader('cross-origin-resource-policy', 'same-origin');
  };

  const handleRpc = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request, MAX_FRAME_BYTES);
    if (body === undefined) {
      sendJson(response, 413, errorBody('PAYLOAD_TOO_LARGE', `request body over ${MAX_FRAME_BYTES} bytes`));
      request.destroy();
      return;
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(body);
    } catch {
      sendJson(response, 400, errorBody('INVALID_INPUT', 'request body is not JSON'));
      return;
    }
    const headerTrace = request.headers.traceparent;
    if (
      typeof headerTrace === 'string' &&
      envelope !== null &&
      typeof envelope === 'object' &&
      !('traceparent' in envelope)
    ) {
      envelope = { ...envelope, traceparent: headerTrace };
    }
    sendJson(response, 200, await options.dispatcher.handle(envelope));
  };

  const server = http.createServer((request, response) => {
    securityHeaders(response);
    const url = new URL(request.url ?? '/', 'http://placeholder');
    const origin = checkOrigin(request, guard);
    if (!origin.ok) return refuse(response, origin, false);
    if (url.pathname === '/healthz') return sendJson(response, 200, { status: 'ok' });
    // Counters and latencies only: no ids, paths or secrets, and the server binds loopback.
    if (url.pathname === '/metrics' && options.metrics) {
      const metrics = options.metrics;
      metrics.text().then(
        (text) => {
          response.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
          response.end(request.method === 'HEAD' ? undefined : text);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'metrics failed');
          sendJson(response, 500, errorBody('INTERNAL', 'metrics failed'));
        },
      );
      return;
    }

    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    const auth = checkToken(request, url, guard);
    if (!auth.ok) return refuse(response, auth, wantsHtml);

    if (url.pathname === '/api/rpc') {
      if (request.method !== 'POST') return sendJson(response, 405, errorBody('INVALID_INPUT', 'use POST'));
      handleRpc(request, response).catch((error: unknown) => {
        logger.error({ err: error }, 'rpc failed');
        if (!response.headersSent) sendJson(response, 500, errorBody('INTERNAL', 'internal error'));
      });
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, errorBody('INVALID_INPUT', 'method not allowed'));
    }
    if (url.searchParams.has(TOKEN_QUERY)) {
      // Trade the token in the URL for a same-site, script-invisible cookie, and drop it from the address bar.
      url.searchParams.delete(TOKEN_QUERY);
      response.writeHead(303, {
        location: url.pathname + url.search,
        'set-cookie': `${cookieName(guard.port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }
    response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    if (!serveStatic) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        '<!doctype html><title>Dockwright</title><p>The renderer is not built. Run <code>npm run build</code>.</p>',
      );
      return;
    }
    serveStatic(request, response, () => sendJson(response, 404, errorBody('NOT_FOUND', 'not found')));
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    const verdict: GuardVerdict =
      url.pathname !== '/api/ws'
        ? { ok: false, status: 403, reason: 'unknown path' }
        : ((v) => (v.ok ? checkToken(request, url, guard) : v))(checkOrigin(request, guard));
    if (!verdict.ok) {
      logger.warn({ reason: verdict.reason }, 'websocket refused');
      socket.end(
        `HTTP/1.1 ${verdict.status} ${verdict.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    webSockets.handleUpgrade(request, socket, head, (ws) => {
      serveWire(webSocketWire(ws), options.dispatcher, options.events);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  guard.port = port;
  guard.allowedHosts = allowedHostHeaders(host, port);
  const urlHost = WILDCARD.has(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${urlHost}:${port}`;
  logger.info({ host, port }, 'web mode listening');

  return {
    url: `${origin}/?${TOKEN_QUERY}=${token}`,
    origin,
    port,
    host,
    token,
    async close() {
      for (const client of webSockets.clients) client.terminate();
      webSockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
