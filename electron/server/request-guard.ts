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

/** Cookies with one name that are looked at; a header stuffed with more is not walked further. */
const MAX_SAME_NAME_COOKIES = 8;

function decodeCookieValue(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    // A malformed escape (`%E0%A4%A`, a lone `%`) is a wrong token, not a reason to fail.
    return undefined;
  }
}

/**
 * Every value the Cookie header carries for `name`. There can be several: cookies are not
 * isolated by port, so a page on another localhost port can set one with our name (and a longer
 * path, which browsers send first); the real one must still count.
 */
export function readCookies(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const value = decodeCookieValue(part.slice(separator + 1).trim());
    if (value !== undefined) values.push(value);
    if (values.length >= MAX_SAME_NAME_COOKIES) break;
  }
  return values;
}

/** The tokens a request presents: the Authorization header, else the query, else its cookies. */
export function presentedTokens(request: IncomingMessage, url: URL, port: number): string[] {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return [auth.slice('Bearer '.length).trim()];
  const query = url.searchParams.get(TOKEN_QUERY);
  if (query !== null) return [query];
  return readCookies(request.headers.cookie, cookieName(port));
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
  const tokens = presentedTokens(request, url, options.port);
  if (!tokens.some((token) => sameToken(token, options.token))) {
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  }
  return { ok: true };
}

/** A Host header a browser could send for a wildcard bind: a name or IP and a port, nothing else. */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\]):\d{1,5}$/;

/**
 * The origin the browser is on, for redirects: the Host header when it names this server (always
 * an allowed one on a loopback bind), else `fallback`, the origin the server printed.
 */
export function appOriginFor(request: IncomingMessage, options: GuardOptions, fallback: string): string {
  const host = (request.headers.host ?? '').toLowerCase();
  if (options.allowedHosts.size > 0) return options.allowedHosts.has(host) ? `http://${host}` : fallback;
  return PLAIN_HOST.test(host) && host.endsWith(`:${options.port}`) ? `http://${host}` : fallback;
}
