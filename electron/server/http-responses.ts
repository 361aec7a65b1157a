import type { ServerResponse } from 'node:http';
import type { ResponseEnvelope } from '../../shared/ipc/envelope';
import type { ErrorData } from '../../shared/ipc/errors';
import { CONTENT_SECURITY_POLICY } from '../common/csp';

export function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
  response.setHeader('cross-origin-resource-policy', 'same-origin');
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(text);
}

export function errorBody(code: ErrorData['code'], message: string): ResponseEnvelope {
  return { id: '', ok: false, error: { code, message } };
}

/** 401 as a page that says which URL to open (for a browser), else 401/403 as a typed error. */
export function sendGuardRefusal(
  response: ServerResponse,
  verdict: { status: 401 | 403; reason: string },
  wantsHtml: boolean,
): void {
  if (wantsHtml && verdict.status === 401) {
    response.writeHead(401, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
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
