import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EngineInfo, EngineStatus } from '../../shared/ipc/contract';
import { createDispatcher } from '../../shared/ipc/dispatcher';
import { handlersFor } from '../../shared/testing/ipc-handlers';
import { EventHub } from '../app/event-hub';
import { silentLogger } from '../common/logger';
import { startWebServer, type WebServer } from './web-server';

// The server carries the contract; what answers it is not its business: fixed answers here.
const ENGINE: EngineInfo = {
  reachable: true,
  host: 'unix:///var/run/docker.sock',
  name: 'test',
  version: '99.1.2',
  apiVersion: '1.41',
  os: 'Debian',
  osType: 'linux',
  arch: 'x86_64',
  kernelVersion: '6.1',
  containers: 0,
  containersRunning: 0,
  images: 0,
};
const CONNECTED: EngineStatus = { state: 'connected', host: ENGINE.host, since: new Date(0).toISOString() };

const hub = new EventHub();
let server: WebServer;
let staticDir: string;

beforeAll(async () => {
  staticDir = mkdtempSync(path.join(tmpdir(), 'dw-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Dockwright test</title>');
  server = await startWebServer({
    dispatcher: createDispatcher(
      handlersFor({ 'engine.info': () => ENGINE, 'engine.status': () => CONNECTED }),
    ),
    events: hub,
    logger: silentLogger,
    staticDir,
  });
});

afterAll(async () => {
  await server.close();
  hub.dispose();
  rmSync(staticDir, { recursive: true, force: true });
});

const rpc = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.origin}/api/rpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const auth = () => ({ authorization: `Bearer ${server.token}` });

/** Opens a WebSocket and resolves with it, or with the HTTP status that refused the upgrade. */
function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', reject);
  });
}

function nextFrame(socket: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) =>
    socket.once('message', (data: Buffer) =>
      resolve(JSON.parse(data.toString('utf8')) as Record<string, unknown>),
    ),
  );
}

const wsUrl = () => `${server.origin.replace('http:', 'ws:')}/api/ws`;

describe('web mode HTTP', () => {
  it('binds 127.0.0.1 by default and prints a URL with a long random token', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('answers /healthz without the token', async () => {
    const response = await fetch(`${server.origin}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('refuses requests without the token (401) or with a wrong one', async () => {
    expect((await rpc({ id: '1', channel: 'engine.info', payload: {} })).status).toBe(401);
    expect(
      (await rpc({ id: '1', channel: 'engine.info', payload: {} }, { authorization: 'Bearer nope' })).status,
    ).toBe(401);
    const page = await fetch(`${server.origin}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('Token required');
  });

  it('refuses a foreign Origin and a foreign Host (DNS rebinding) with 403, token or not', async () => {
    const foreign = await rpc(
      { id: '1', channel: 'engine.info', payload: {} },
      { ...auth(), origin: 'http://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const response = await new Promise<number>((resolve) => {
      // fetch() does not let a caller set Host; a raw request does, as a rebinding attacker's page would.
      void import('node:http').then(({ request }) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: server.port,
            path: '/healthz',
            headers: { host: `rebound.example:${server.port}` },
          },
          (res) => resolve(res.statusCode ?? 0),
        );
        req.end();
      });
    });
    expect(response).toBe(403);
  });

  it('serves the contract over POST /api/rpc with the token', async () => {
    const response = await rpc({ id: 'r1', channel: 'engine.info', payload: {} }, auth());
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: string; ok: boolean; result: { version: string } };
    expect(body).toMatchObject({ id: 'r1', ok: true });
    expect(body.result.version).toBe(ENGINE.version);
  });

  it('answers bad bodies with typed errors', async () => {
    expect(await (await rpc('{not json', auth())).json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    // Over the 1 MiB body limit: refused before it is read, so without its id.
    const big = await rpc(
      { id: 'big', channel: 'engine.info', payload: { s: 'x'.repeat(5_000_000) } },
      auth(),
    );
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    const unknown = await rpc({ id: 'u', channel: 'containers.nuke', payload: {} }, auth());
    expect(await unknown.json()).toMatchObject({ error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('trades the URL token for an HttpOnly SameSite cookie and serves the page with a CSP', async () => {
    const redirect = await fetch(server.url, { redirect: 'manual' });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe(`${server.origin}/`);
    const cookie = redirect.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${server.origin}/`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Dockwright test');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('web mode WebSocket', () => {
  it('refuses an upgrade without the token (401) or from a foreign origin (403)', async () => {
    expect(await connect(wsUrl())).toBe(401);
    expect(await connect(`${wsUrl()}?token=${server.token}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await connect(`${wsUrl()}?token=${server.token}`, { origin: 'http://127.0.0.1:1' })).toBe(403);
  });

  it('serves requests and pushes event batches to an authorised client', async () => {
    const socket = await connect(wsUrl(), { ...auth(), origin: server.origin });
    expect(socket).toBeInstanceOf(WebSocket);
    const ws = socket as WebSocket;
    try {
      const answer = nextFrame(ws);
      ws.send(JSON.stringify({ t: 'req', id: 'w1', channel: 'engine.status', payload: {} }));
      expect(await answer).toMatchObject({
        t: 'res',
        response: { id: 'w1', ok: true, result: { state: 'connected' } },
      });

      const status: EngineStatus = {
        state: 'disconnected',
        host: 'unix:///x',
        reason: 'test',
        since: new Date().toISOString(),
      };
      const pushed = nextFrame(ws);
      hub.emit('engine.status', status);
      hub.emit('engine.status', { ...status, reason: 'second' });
      const frame = await pushed;
      expect(frame).toMatchObject({ t: 'evt' });
      expect((frame.events as unknown[]).length).toBe(2);
    } finally {
      ws.close();
    }
  });

  it('keeps serving after garbage, binary, too-many-member and deeply nested frames', async () => {
    const ws = (await connect(wsUrl(), auth())) as WebSocket;
    try {
      const answers: Array<Record<string, unknown>> = [];
      ws.on('message', (data: Buffer) =>
        answers.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>),
      );
      ws.send('this is not json');
      ws.send(Buffer.from([0, 1, 2, 3]), { binary: true });
      // Frames over 1 MiB close the connection (web-socket-attacks.test.ts); this one is under it.
      ws.send(
        JSON.stringify({
          t: 'req',
          id: 'huge',
          channel: 'engine.info',
          payload: { list: new Array<number>(120_000).fill(0) },
        }),
      );
      ws.send('['.repeat(200_000) + ']'.repeat(200_000));
      ws.send(JSON.stringify({ t: 'req', id: 'after', channel: 'engine.status', payload: {} }));
      await expect.poll(() => answers.length, { timeout: 10_000 }).toBe(5);
      const codes = answers.map((a) => (a.response as { error?: { code: string } }).error?.code);
      expect(
        codes.slice(0, 4).every((code) => code === 'INVALID_INPUT' || code === 'PAYLOAD_TOO_LARGE'),
      ).toBe(true);
      const tooLarge = answers
        .map((a) => (a.response as { error?: { code: string; message: string } }).error)
        .find((error) => error?.code === 'PAYLOAD_TOO_LARGE');
      expect(tooLarge?.message).toMatch(/members and items/);
      expect(answers.find((a) => (a.response as { id: string }).id === 'after')).toMatchObject({
        response: { ok: true },
      });
    } finally {
      ws.close();
    }
  });
});
