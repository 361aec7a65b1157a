import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_QUERY = 'token';

export function cookieName(port: number): string {
  // Cookies are not isolated by port: two servers on one host must not overwrite each other's.
  return `dockwright_token_${port}`;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export interface GuardOptions {
  token: string;
  port: number;
  /** Host header values accepted (DNS-rebinding defence); empty means any (wildcard bind). */
  allowedHosts: ReadonlySet<string>;
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export function presentedToken(request: IncomingMessage, url: URL, port: number): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return url.searchParams.get(TOKEN_QUERY) ?? readCookie(request.headers.cookie, cookieName(port));
}

/** Host and Origin checks: a page on another origin, or a rebound DNS name, gets nowhere. */
export function checkOrigin(request: IncomingMessage, options: GuardOptions): GuardVerdict {
  const host = request.headers.host ?? '';
  if (options.allowedHosts.size > 0 && !options.allowedHosts.has(host.toLowerCase())) {
    return { ok: false, status: 403, reason: `host "${host}" is not allowed` };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`) {
    return { ok: false, status: 403, reason: `origin "${origin}" is not allowed` };
  }
  return { ok: true };
}

export function checkToken(request: IncomingMessage, url: URL, options: GuardOptions): GuardVerdict {
  const token = presentedToken(request, url, options.port);
  if (token === undefined || !sameToken(token, options.token)) {
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  }
  return { ok: true };
}
