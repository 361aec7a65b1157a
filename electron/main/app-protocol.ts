import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../common/csp';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Answers `app://dockwright/<path>` from the built renderer folder. Paths that climb out of it
 * are refused; unknown paths fall back to index.html (the app is a single page).
 */
export async function serveAppRequest(rootDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
  const resolved = path.resolve(rootDir, relative);
  if (resolved !== rootDir && !resolved.startsWith(rootDir + path.sep)) {
    return new Response('forbidden', { status: 403 });
  }
  const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
  try {
    const body = await readFile(resolved);
    return new Response(body, {
      headers: { ...headers, 'content-type': MIME[path.extname(resolved)] ?? 'application/octet-stream' },
    });
  } catch {
    const index = await readFile(path.join(rootDir, 'index.html'));
    return new Response(index, { headers: { ...headers, 'content-type': MIME['.html']! } });
  }
}
