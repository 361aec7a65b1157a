import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { ROOT, startServer } from './support/server';

function engineVersion(): string {
  return execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim();
}

test.describe('the app window', () => {
  test('loads the shell and shows the real engine version in the badge', async ({ app, consoleErrors }) => {
    const version = engineVersion();
    await expect(app.heading).toBeVisible();
    await expect(app.canvas).toBeVisible();
    await expect(app.engineBadge).toContainText(`Docker ${version}`);
    await expect(app.engineBadge).toContainText(/API \d+\.\d+/);
    await expect(app.engineAlert).toHaveCount(0);
    expect(consoleErrors, 'no console errors or CSP violations').toEqual([]);
    await app.page.screenshot({ path: path.join(ROOT, 'docs', 'screenshots', 'web-mode.png') });
  });
});

test.describe('the web mode', () => {
  // eslint-disable-next-line no-empty-pattern -- Playwright passes fixtures first
  test.beforeEach(({}, testInfo) => {
    testInfo.skip(
      testInfo.project.name === 'electron',
      'web-mode server behaviour; no server in the Electron shell',
    );
  });

  test('says plainly when no Docker engine is reachable, and still starts', async ({ webBrowser }) => {
    const server = await startServer({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    try {
      const context = await (await webBrowser()).newContext();
      const app = new AppPage(await context.newPage());
      await app.page.goto(server.url);
      await expect(app.heading).toBeVisible();
      await expect(app.engineBadge).toContainText('Docker engine unreachable');
      await expect(app.engineAlert).toContainText('No Docker engine');
      await expect(app.engineAlert).toContainText('/nonexistent/docker.sock');
      await context.close();
    } finally {
      await server.stop();
    }
  });

  test('refuses HTTP requests without the token or from a foreign origin', async ({ server, playwright }) => {
    const request = await playwright.request.newContext();
    const body = { id: 'e2e', channel: 'engine.info', payload: {} };
    const noToken = await request.post(`${server.origin}/api/rpc`, { data: body });
    expect(noToken.status()).toBe(401);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    const foreign = await request.post(`${server.origin}/api/rpc`, {
      data: body,
      headers: { authorization: `Bearer ${server.token}`, origin: 'http://evil.example' },
    });
    expect(foreign.status()).toBe(403);
    const rebound = await request.post(`${server.origin}/api/rpc`, {
      data: body,
      headers: { authorization: `Bearer ${server.token}`, host: 'evil.example' },
    });
    expect(rebound.status()).toBe(403);
    const ok = await request.post(`${server.origin}/api/rpc`, {
      data: body,
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(ok.status()).toBe(200);
    expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
    expect((await request.get(`${server.origin}/healthz`)).status()).toBe(200);
    await request.dispose();
  });

  test('a page on another origin cannot reach the API, even with the session cookie', async ({
    app,
    server,
  }) => {
    // The app page got the cookie. A page on the same host but another port is same-site, so
    // the browser would attach the cookie: only the Origin check stands between it and the engine.
    await expect(app.engineBadge).toContainText('Docker');
    const foreign = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>foreign</title>');
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    try {
      const port = (foreign.address() as AddressInfo).port;
      await app.page.goto(`http://127.0.0.1:${port}/`);
      const wsUrl = `${server.origin.replace('http', 'ws')}/api/ws`;
      const outcome = await app.page.evaluate(
        (url) =>
          new Promise<string>((resolve) => {
            const socket = new WebSocket(url);
            socket.onopen = () => resolve('opened');
            socket.onerror = () => resolve('refused');
          }),
        wsUrl,
      );
      expect(outcome).toBe('refused');
      const status = await app.page.evaluate(async (origin) => {
        try {
          const response = await fetch(`${origin}/api/rpc`, {
            method: 'POST',
            credentials: 'include',
            mode: 'no-cors',
            body: JSON.stringify({ id: 'x', channel: 'engine.info', payload: {} }),
          });
          return response.type;
        } catch {
          return 'blocked';
        }
      }, server.origin);
      // An opaque response at best: the page learns nothing, and the server refused it (403).
      expect(['opaque', 'blocked']).toContain(status);
    } finally {
      foreign.close();
    }
  });
});
