import net from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { healthStatus, refusalsLogged, type AttackTarget } from '../testing/web-attack-kit';
import { attackTargetPerTest, failOnUncaughtErrors } from '../testing/web-server-kit';

// Attacks on /api/ws. `ws` closes a connection that breaks the protocol, and reports it as an
// `error` on the socket: with no listener there, that error used to end the process.

failOnUncaughtErrors();
const start = attackTargetPerTest();

const wsUrl = (server: AttackTarget['server']) => `${server.origin.replace('http:', 'ws:')}/api/ws`;

/** An authorised client, or the HTTP status that refused its upgrade. */
function connect(
  server: AttackTarget['server'],
  options: WebSocket.ClientOptions = {},
): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(server), {
      ...options,
      headers: { authorization: `Bearer ${server.token}` },
    });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', reject);
  });
}

async function open(
  server: AttackTarget['server'],
  options: WebSocket.ClientOptions = {},
): Promise<WebSocket> {
  const socket = await connect(server, options);
  if (typeof socket === 'number') throw new Error(`upgrade refused with ${socket}`);
  // The server may cut the connection while this client is still writing; that is the point.
  socket.on('error', () => undefined);
  return socket;
}

const closeCode = (socket: WebSocket) =>
  new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));

/** A request on a fresh connection gets its answer: the server still serves WebSockets. */
async function stillServes(server: AttackTarget['server']): Promise<void> {
  const socket = await open(server);
  const answer = new Promise<string>((resolve) =>
    socket.once('message', (data: Buffer) => resolve(data.toString())),
  );
  socket.send(JSON.stringify({ t: 'req', id: 'ok', channel: 'engine.status', payload: {} }));
  expect(JSON.parse(await answer)).toMatchObject({ t: 'res', response: { id: 'ok', ok: true } });
  socket.close();
  expect(await healthStatus(server)).toBe(200);
}

describe('the web mode under attack over WebSocket', () => {
  it('closes a text frame with invalid UTF-8 with 1007 and keeps serving', async () => {
    const { server, logLines } = await start();
    const socket = await open(server);
    const closed = closeCode(socket);
    // `ws` sends text frames as given; a browser never would.
    socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await closed).toBe(1007);
    await stillServes(server);
    expect(refusalsLogged(logLines).some((refusal) => refusal.status === 1007)).toBe(true);
  });

  it('closes a message over the 1 MiB limit with 1009 and keeps serving', async () => {
    const { server } = await start();
    const socket = await open(server);
    const closed = closeCode(socket);
    socket.send('x'.repeat(1024 * 1024 + 1));
    expect(await closed).toBe(1009);
    await stillServes(server);
  });

  it('closes a message over 16 MiB with 1009 and keeps serving', async () => {
    const { server, logLines } = await start();
    const socket = await open(server);
    const closed = closeCode(socket);
    socket.send(Buffer.alloc(16 * 1024 * 1024 + 1, 0x20), { binary: false });
    expect(await closed).toBe(1009);
    await stillServes(server);
    expect(refusalsLogged(logLines).some((refusal) => refusal.status === 1009)).toBe(true);
  });

  it('answers a message with too many members with a typed 413 error, before parsing it', async () => {
    const { server } = await start();
    const socket = await open(server);
    const answer = new Promise<string>((resolve) =>
      socket.once('message', (data: Buffer) => resolve(data.toString())),
    );
    const members = Array.from({ length: 100_000 }, (_, index) => `"${index.toString(36)}":0`).join(',');
    socket.send(`{"t":"req","id":"many","channel":"engine.status","payload":{${members}}}`);
    const frame = JSON.parse(await answer) as {
      t: string;
      response: { ok: boolean; error: { code: string; message: string } };
    };
    expect(frame).toMatchObject({ t: 'res', response: { ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } } });
    expect(frame.response.error.message).toMatch(/members/);
    socket.close();
    await stillServes(server);
  });

  it('refuses a WebSocket beyond the cap with 503, and accepts one again when a client leaves', async () => {
    const { server } = await start({ maxWebSockets: 2 });
    const first = await open(server);
    const second = await open(server);
    expect(await connect(server)).toBe(503);
    const gone = closeCode(first);
    first.close();
    await gone;
    await expect
      .poll(async () => {
        const again = await connect(server);
        if (typeof again !== 'number') again.close();
        return typeof again;
      })
      .toBe('object');
    second.close();
    expect(await healthStatus(server)).toBe(200);
  });

  it('closes a client that does not answer pings', async () => {
    const { server } = await start({ webSocketPingMs: 100 });
    const silent = await open(server, { autoPong: false });
    expect(await closeCode(silent)).toBe(1006);
    await stillServes(server);
  });

  it('closes a client that stops reading while events pile up for it', async () => {
    const { server, hub } = await start({ maxWebSocketBacklogBytes: 256 * 1024 });
    // A hand-made client that completes the handshake and then never reads again.
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      [
        'GET /api/ws HTTP/1.1',
        `Host: 127.0.0.1:${server.port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        `Authorization: Bearer ${server.token}`,
        '',
        '',
      ].join('\r\n'),
    );
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.pause();
    let closed = false;
    socket.on('close', () => (closed = true));
    socket.on('error', () => undefined);
    // 24 MiB of log lines: more than the kernel buffers on both ends hold, so the rest queues up
    // in the server; the next frame past the backlog limit ends the connection.
    const text = 'x'.repeat(512 * 1024);
    for (let round = 0; round < 12; round++) {
      for (let index = 0; index < 4; index++) {
        hub.emit('run.log', {
          runId: 'r',
          nodeId: 'n',
          stream: 'stdout',
          text,
          at: new Date().toISOString(),
        });
      }
      hub.flush();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    socket.resume();
    await expect.poll(() => closed, { timeout: 10_000 }).toBe(true);
    await stillServes(server);
  });

  it('survives a client that resets the connection while its upgrade is refused', async () => {
    const { server } = await start();
    for (let attempt = 0; attempt < 20; attempt++) {
      const socket = net.connect(server.port, '127.0.0.1');
      socket.on('error', () => undefined);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        `GET /not-a-socket HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\n` +
          `Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      );
      socket.resetAndDestroy();
    }
    await stillServes(server);
  });
});
