import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A unix-socket relay in front of the real engine that the test can cut and restore: the engine
 * "going away" and "coming back" without restarting dockerd for everyone else.
 */
export function engineRelay() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-relay-'));
  const socketPath = path.join(dir, 'docker.sock');
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const up = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect('/var/run/docker.sock');
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      });
      server.listen(socketPath, resolve);
    });
  const down = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  const dispose = async () => {
    await down();
    rmSync(dir, { recursive: true, force: true });
  };
  return { host: `unix://${socketPath}`, up, down, dispose };
}
