import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { healthStatus, rawExchange, refusalsLogged } from '../testing/web-attack-kit';
import { attackTargetPerTest, failOnUncaughtErrors } from '../testing/web-server-kit';

// Slow and idle clients, and too many of them: each is cut off by a limit and the server keeps
// answering. The limits are shortened here; the defaults are in web-limits.ts.

failOnUncaughtErrors();
const start = attackTargetPerTest();

function openSocket(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('the web mode against slow, idle and too many clients', () => {
  it('answers 408 and closes a connection that does not finish its headers in time', async () => {
    const { server, logLines } = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    // Slowloris: a request line and one header, then nothing.
    const answer = await rawExchange(
      server.port,
      `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`,
      5_000,
    );
    expect(answer.closed).toBe(true);
    expect(answer.status).toBe(408);
    expect(refusalsLogged(logLines).some((refusal) => refusal.status === 408)).toBe(true);
    expect(await healthStatus(server)).toBe(200);
  });

  it('closes a connection that never sends a byte', async () => {
    const { server } = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    expect((await rawExchange(server.port, '', 5_000)).closed).toBe(true);
    expect(await healthStatus(server)).toBe(200);
  });

  it('answers 408 to a body that never finishes', async () => {
    const { server } = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const answer = await rawExchange(
      server.port,
      `POST /api/rpc HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\n` +
        'Content-Length: 1000\r\n\r\n{"id":',
      5_000,
    );
    expect(answer.closed).toBe(true);
    expect(answer.status).toBe(408);
    expect(await healthStatus(server)).toBe(200);
  });

  it('closes an idle keep-alive connection, without calling it a refusal', async () => {
    const { server, logLines } = await start({ keepAliveTimeoutMs: 200 });
    const answer = await rawExchange(
      server.port,
      `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: keep-alive\r\n\r\n`,
      3_000,
    );
    expect(answer.status).toBe(200);
    expect(answer.closed).toBe(true);
    expect(refusalsLogged(logLines)).toEqual([]);
  });

  it('drops connections beyond the cap, and serves again once they are gone', async () => {
    const { server, logLines } = await start({ maxConnections: 4 });
    const held = await Promise.all([1, 2, 3, 4].map(() => openSocket(server.port)));
    const extra = await rawExchange(
      server.port,
      `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
      3_000,
    );
    expect(extra.closed).toBe(true);
    expect(extra.status).toBeUndefined();
    expect(refusalsLogged(logLines).some((refusal) => /too many connections/.test(refusal.reason))).toBe(
      true,
    );
    for (const socket of held) socket.destroy();
    await expect.poll(() => healthStatus(server).catch(() => 0)).toBe(200);
  });
});
