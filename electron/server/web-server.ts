import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import type { Dispatcher } from '../../shared/ipc/dispatcher';
import type { EventSource } from '../../shared/ipc/transport';
import type { Logger } from '../common/logger';
import { createHttpHandler } from './http-handler';
import { applyHttpLimits } from './http-limits';
import { createRefusalLog, type RefusalLog } from './refusal-log';
import { checkOrigin, checkToken, TOKEN_QUERY, type GuardOptions } from './request-guard';
import { parseRequestTarget } from './request-target';
import { DEFAULT_WEB_LIMITS, type WebLimits } from './web-limits';
import { createWebSockets, refuseUpgrade } from './web-sockets';

/** Node's default, stated: request line and headers together (431 beyond). */
const MAX_HEADER_BYTES = 16 * 1024;

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
  /** Tighter or looser limits than DEFAULT_WEB_LIMITS (tests). */
  limits?: Partial<WebLimits>;
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

/**
 * The web mode: the built renderer and the contract (HTTP POST /api/rpc, WebSocket /api/ws) on a
 * loopback address, behind a per-start token and Host/Origin checks, within WebLimits.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const limits: WebLimits = { ...DEFAULT_WEB_LIMITS, ...options.limits };
  const logger = options.logger.child({ component: 'web-server' });
  const refusals: RefusalLog = createRefusalLog(logger, {
    burst: limits.refusalLogBurst,
    windowMs: limits.refusalLogWindowMs,
  });
  const staticDir = options.staticDir && existsSync(options.staticDir) ? options.staticDir : undefined;
  const guard: GuardOptions = { token, port: 0, allowedHosts: new Set() };
  let origin = '';

  const webSockets = createWebSockets({
    dispatcher: options.dispatcher,
    events: options.events,
    limits,
    refusals,
  });
  const handler = createHttpHandler({
    dispatcher: options.dispatcher,
    logger,
    refusals,
    limits,
    guard,
    origin: () => origin,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(staticDir
      ? { serveStatic: sirv(staticDir, { dev: false, etag: true, single: true, gzip: false, brotli: false }) }
      : {}),
  });

  const server = http.createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node looks for connections past their header or request timeout.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 2))),
    },
    handler,
  );
  applyHttpLimits(server, limits, refusals);

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node leaves an upgraded socket without an error listener: a client resetting it mid-answer
    // would otherwise throw.
    socket.on('error', () => socket.destroy());
    try {
      const verdict = upgradeVerdict(request, guard);
      if (!verdict.ok) {
        refusals.refuse({
          status: verdict.status,
          reason: verdict.reason,
          method: request.method,
          path: '/api/ws',
        });
        refuseUpgrade(socket, verdict.status);
        return;
      }
      webSockets.accept(request, socket, head);
    } catch (error) {
      logger.error({ err: error }, 'websocket upgrade failed');
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error: Error) => logger.error({ err: error }, 'web server error'));
  const port = (server.address() as AddressInfo).port;
  guard.port = port;
  guard.allowedHosts = allowedHostHeaders(host, port);
  const urlHost = WILDCARD.has(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  origin = `http://${urlHost}:${port}`;
  logger.info({ host, port, limits }, 'web mode listening');

  return {
    url: `${origin}/?${TOKEN_QUERY}=${token}`,
    origin,
    port,
    host,
    token,
    async close() {
      webSockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The target, Host, Origin and token checks of a WebSocket upgrade, in that order. */
function upgradeVerdict(
  request: IncomingMessage,
  guard: GuardOptions,
): { ok: true } | { ok: false; status: 400 | 401 | 403 | 404; reason: string } {
  const target = parseRequestTarget(request.url);
  if (!target.ok) return { ok: false, status: 400, reason: `bad request target: ${target.reason}` };
  if (target.url.pathname !== '/api/ws') return { ok: false, status: 404, reason: 'unknown websocket path' };
  const origin = checkOrigin(request, guard);
  if (!origin.ok) return origin;
  return checkToken(request, target.url, guard);
}
