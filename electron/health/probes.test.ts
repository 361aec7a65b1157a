import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStatusSpec } from '../../shared/topology';
import { probeHttp, probeTcp, type HttpProbe } from './probes';

let server: http.Server;
let port = 0;
let status = 200;
let body = 'ok';
let delayMs = 0;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    setTimeout(() => {
      const header = String(request.headers['x-probe'] ?? '');
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(`${body} ${request.url} ${header}`);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const probe = (extra: Partial<HttpProbe> = {}): HttpProbe => ({
  host: '127.0.0.1',
  port,
  path: '/health',
  scheme: 'http',
  status: parseStatusSpec(undefined)!,
  headers: {},
  insecure: false,
  timeoutMs: 1_000,
  ...extra,
});

const never = new AbortController().signal;

describe('HTTP probe', () => {
  it('passes a status in range and fails one outside it, saying which', async () => {
    status = 204;
    expect(await probeHttp(probe(), never)).toEqual({ ok: true, message: 'HTTP 204' });
    status = 500;
    expect(await probeHttp(probe(), never)).toEqual({ ok: false, message: 'HTTP 500' });
    expect(await probeHttp(probe({ status: parseStatusSpec('500')! }), never)).toMatchObject({ ok: true });
  });

  it('matches the body against the pattern, and sends the path and headers', async () => {
    status = 200;
    body = 'ready';
    const pattern = /^ready \/deep\?x=1 yes$/;
    expect(
      await probeHttp(probe({ path: '/deep?x=1', body: pattern, headers: { 'x-probe': 'yes' } }), never),
    ).toEqual({ ok: true, message: 'HTTP 200' });
    body = 'booting';
    expect(await probeHttp(probe({ body: /^ready/ }), never)).toEqual({
      ok: false,
      message: 'HTTP 200, body does not match /^ready/',
    });
  });

  it('fails within its timeout when nothing answers, and on a refused connection', async () => {
    delayMs = 2_000;
    const started = performance.now();
    expect(await probeHttp(probe({ timeoutMs: 100 }), never)).toEqual({
      ok: false,
      message: 'no answer within 100 ms',
    });
    // Well before the server's 2 s answer: the probe's own timeout ended it.
    expect(performance.now() - started).toBeLessThan(1_900);
    delayMs = 0;
    const closed = await freePort();
    expect(await probeHttp(probe({ port: closed }), never)).toEqual({
      ok: false,
      message: 'connection refused',
    });
  });

  it('is inconclusive when stopped', async () => {
    delayMs = 2_000;
    const controller = new AbortController();
    const pending = probeHttp(probe(), controller.signal);
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, inconclusive: true });
    delayMs = 0;
  });
});

describe('TCP probe', () => {
  it('passes when the port accepts and fails when it refuses', async () => {
    expect(await probeTcp('127.0.0.1', port, 500, never)).toEqual({
      ok: true,
      message: `connected to :${port}`,
    });
    expect(await probeTcp('127.0.0.1', await freePort(), 500, never)).toEqual({
      ok: false,
      message: 'connection refused',
    });
  });
});

/** A port nothing listens on (bound, then closed). */
async function freePort(): Promise<number> {
  const probeServer = net.createServer();
  await new Promise<void>((resolve) => probeServer.listen(0, '127.0.0.1', resolve));
  const free = (probeServer.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probeServer.close(() => resolve()));
  return free;
}
