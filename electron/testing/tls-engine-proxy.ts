import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';

/*
 * A mutual-TLS engine endpoint on 127.0.0.1 for tests: a TLS server that asks for a client
 * certificate signed by `ca` and pipes each connection to the local engine's socket, as
 * `dockerd --tlsverify` would answer. Node's own TLS: no socat or extra binary needed.
 */

export interface TlsEngineProxy {
  /** `tcp://127.0.0.1:PORT`. */
  readonly host: string;
  readonly port: number;
  /** Connections that presented a client certificate the server accepted. */
  readonly authorized: () => number;
  close(): Promise<void>;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

function closer(server: net.Server, sockets: Set<net.Socket>) {
  return () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
}

export async function startTlsEngineProxy(options: {
  cert: string;
  key: string;
  ca: string;
  engineSocket?: string;
}): Promise<TlsEngineProxy> {
  const sockets = new Set<net.Socket>();
  let authorized = 0;
  const server = tls.createServer(
    {
      cert: readFileSync(options.cert),
      key: readFileSync(options.key),
      ca: readFileSync(options.ca),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (client) => {
      if (client.authorized) authorized++;
      const upstream = net.connect(options.engineSocket ?? '/var/run/docker.sock');
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    },
  );
  // A refused handshake is the test's point, not an error of the proxy.
  server.on('tlsClientError', () => undefined);
  const port = await listen(server);
  return {
    host: `tcp://127.0.0.1:${port}`,
    port,
    authorized: () => authorized,
    close: closer(server, sockets),
  };
}

/** A port that accepts connections and never says a word: the TLS handshake never ends. */
export async function startSilentServer(): Promise<{ host: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  const port = await listen(server);
  return { host: `tcp://127.0.0.1:${port}`, close: closer(server, sockets) };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
