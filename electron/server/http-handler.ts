import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from '../../shared/ipc/dispatcher';
import type { ErrorData } from '../../shared/ipc/errors';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import type { Logger } from '../common/logger';
import { errorBody, sendGuardRefusal, sendJson, setSecurityHeaders } from './http-responses';
import { checkJsonShape, describeJsonShape } from './json-shape';
import { readBoundedBody } from './read-body';
import type { RefusalLog } from './refusal-log';
import {
  appOriginFor,
  checkOrigin,
  checkToken,
  cookieName,
  TOKEN_QUERY,
  type GuardOptions,
} from './request-guard';
import { parseRequestTarget, sameOriginLocation } from './request-target';
import type { WebLimits } from './web-limits';

export interface HttpHandlerContext {
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  readonly refusals: RefusalLog;
  readonly limits: WebLimits;
  readonly guard: GuardOptions;
  /** The origin the server printed; redirects fall back to it. */
  readonly origin: () => string;
  readonly metrics?: { readonly contentType: string; text(): Promise<string> };
  readonly serveStatic?: (request: IncomingMessage, response: ServerResponse, next: () => void) => void;
}

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Every HTTP request: the target is checked first (a malformed one gets 400 before anything
 * else looks at it), then Host and Origin, then the token; bodies are bounded in bytes and in
 * JSON shape before they are parsed. Nothing a client sends can make it throw: a bug it meets
 * still ends in a 500 and a log line, never in an uncaught exception.
 */
export function createHttpHandler(context: HttpHandlerContext): RequestHandler {
  const { dispatcher, refusals, limits, guard } = context;

  const refuseWith = (
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    code: ErrorData['code'],
    reason: string,
    path?: string,
  ) => {
    refusals.refuse({ status, reason, method: request.method, ...(path === undefined ? {} : { path }) });
    sendJson(response, status, errorBody(code, reason));
  };

  const handleRpc = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBoundedBody(request, limits.maxMessageBytes);
    if (!body.ok) {
      // The rest of an oversized body is not read; the connection is not reused.
      response.setHeader('connection', 'close');
      const code = body.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_INPUT';
      return refuseWith(request, response, body.status, code, body.reason, '/api/rpc');
    }
    const shape = checkJsonShape(body.body, {
      maxDepth: limits.maxJsonDepth,
      maxEntries: limits.maxJsonEntries,
      maxObjectMembers: limits.maxJsonObjectMembers,
    });
    if (!shape.ok) {
      return refuseWith(request, response, 413, 'PAYLOAD_TOO_LARGE', describeJsonShape(shape), '/api/rpc');
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(body.body.toString('utf8'));
    } catch {
      return refuseWith(request, response, 400, 'INVALID_INPUT', 'request body is not JSON', '/api/rpc');
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
    sendJson(response, 200, await dispatcher.handle(envelope));
  };

  const serveMetrics = (
    request: IncomingMessage,
    response: ServerResponse,
    metrics: NonNullable<HttpHandlerContext['metrics']>,
  ) => {
    metrics.text().then(
      (text) => {
        response.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      (error: unknown) => {
        context.logger.error({ err: error }, 'metrics failed');
        sendJson(response, 500, errorBody('INTERNAL', 'metrics failed'));
      },
    );
  };

  const handle: RequestHandler = (request, response) => {
    setSecurityHeaders(response);
    const target = parseRequestTarget(request.url);
    if (!target.ok) {
      response.setHeader('connection', 'close');
      return refuseWith(request, response, 400, 'INVALID_INPUT', `bad request target: ${target.reason}`);
    }
    const url = target.url;
    const origin = checkOrigin(request, guard);
    if (!origin.ok) {
      refusals.refuse({
        status: origin.status,
        reason: origin.reason,
        method: request.method,
        path: url.pathname,
      });
      return sendGuardRefusal(response, origin, false);
    }
    if (url.pathname === '/healthz') return sendJson(response, 200, { status: 'ok' });
    // Counters and latencies only: no ids, paths or secrets, and the server binds loopback.
    if (url.pathname === '/metrics' && context.metrics)
      return serveMetrics(request, response, context.metrics);

    const auth = checkToken(request, url, guard);
    if (!auth.ok) {
      refusals.refuse({
        status: auth.status,
        reason: auth.reason,
        method: request.method,
        path: url.pathname,
      });
      return sendGuardRefusal(response, auth, (request.headers.accept ?? '').includes('text/html'));
    }

    if (url.pathname === '/api/rpc') {
      if (request.method !== 'POST') {
        return refuseWith(request, response, 405, 'INVALID_INPUT', 'use POST', url.pathname);
      }
      handleRpc(request, response).catch((error: unknown) => {
        context.logger.error({ err: error }, 'rpc failed');
        if (!response.headersSent) sendJson(response, 500, errorBody('INTERNAL', 'internal error'));
      });
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuseWith(request, response, 405, 'INVALID_INPUT', 'method not allowed', url.pathname);
    }
    if (url.searchParams.has(TOKEN_QUERY)) {
      // Trade the token in the URL for a same-site, script-invisible cookie, and drop it from the
      // address bar. The redirect goes to our own origin, whatever the path looked like.
      url.searchParams.delete(TOKEN_QUERY);
      response.writeHead(303, {
        location: sameOriginLocation(appOriginFor(request, guard, context.origin()), url),
        'set-cookie': `${cookieName(guard.port)}=${encodeURIComponent(guard.token)}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }
    response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    if (!context.serveStatic) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        '<!doctype html><title>Dockwright</title><p>The renderer is not built. Run <code>npm run build</code>.</p>',
      );
      return;
    }
    context.serveStatic(request, response, () =>
      sendJson(response, 404, errorBody('NOT_FOUND', 'not found')),
    );
  };

  return (request, response) => {
    try {
      handle(request, response);
    } catch (error) {
      context.logger.error({ err: error }, 'request failed');
      if (!response.headersSent) sendJson(response, 500, errorBody('INTERNAL', 'internal error'));
      else response.destroy();
    }
  };
}
