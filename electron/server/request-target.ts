export type TargetVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/** Only the path and query matter; the origin is never taken from the request target. */
const PARSE_BASE = 'http://request.invalid';

function hasDotSegment(path: string): boolean {
  return path.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
}

/**
 * Accepts only what a browser sends to an origin server: an origin-form target, one `/` then a
 * path without dot segments, empty segments at the start or backslashes. Browsers resolve
 * `/./`, `/../`, `%2e%2e` and `\` before they send a URL, so such a target is hand-made; so
 * are absolute-form (`http://x/`), authority-form and `*` targets, meant for proxies.
 */
export function parseRequestTarget(raw: string | undefined): TargetVerdict {
  if (raw === undefined || !raw.startsWith('/')) return { ok: false, reason: 'not an origin-form path' };
  if (raw.startsWith('//')) return { ok: false, reason: 'path starts with //' };
  const path = raw.split('?', 1)[0]!;
  if (path.includes('\\') || /%5c/i.test(path)) return { ok: false, reason: 'backslash in the path' };
  if (hasDotSegment(path)) return { ok: false, reason: 'dot segment in the path' };
  let url: URL;
  try {
    url = new URL(raw, PARSE_BASE);
  } catch {
    return { ok: false, reason: 'malformed path' };
  }
  if (url.origin !== PARSE_BASE || !url.pathname.startsWith('/') || url.pathname.startsWith('//')) {
    return { ok: false, reason: 'malformed path' };
  }
  return { ok: true, url };
}

/**
 * Where a redirect may go: the app's own origin, with the request's path and query normalised
 * to start with exactly one `/`. Whatever the path holds, the result stays on `appOrigin`.
 */
export function sameOriginLocation(appOrigin: string, url: URL): string {
  const origin = new URL(appOrigin).origin;
  const path = '/' + url.pathname.replace(/^[/\\]+/, '');
  const location = new URL(path + url.search, origin);
  return location.origin === origin ? location.href : `${origin}/`;
}
