import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveAppRequest } from './app-protocol';

const root = mkdtempSync(path.join(tmpdir(), 'dw-app-'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(path.join(root, 'main.js'), 'console.info(1)');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('serveAppRequest', () => {
  it('serves files from the renderer folder with the CSP and a content type', async () => {
    const response = await serveAppRequest(root, 'app://dockwright/main.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toBe('console.info(1)');
  });

  it('refuses paths that climb out of the folder', async () => {
    expect((await serveAppRequest(root, 'app://dockwright/..%2f..%2fetc%2fpasswd')).status).toBe(403);
    // The URL parser folds these dot segments itself; what is left must still be inside the folder.
    for (const attempt of [
      'app://dockwright/%2e%2e/%2e%2e/etc/passwd',
      'app://dockwright/../../etc/passwd',
    ]) {
      expect(await (await serveAppRequest(root, attempt)).text()).not.toContain('root:');
    }
  });

  it('falls back to index.html for unknown paths', async () => {
    const response = await serveAppRequest(root, 'app://dockwright/some/route');
    expect(await response.text()).toContain('<title>app</title>');
  });
});
