import http from 'node:http';
import { Duplex } from 'node:stream';
import type { Client, ClientChannel, ConnectConfig } from 'ssh2';

/*
 * The HTTP agent for an `ssh://` engine: each connection is `docker system dial-stdio` run over
 * SSH, as the docker CLI does it. docker-modem has an SSH agent of its own, but it hands HTTP a
 * bare ssh2 channel (no setTimeout; a request timeout would throw, uncaught), calls back twice when
 * the command fails, and throws from a failed connect. This one gives HTTP a socket-like stream,
 * reports every failure once, as an error, and never throws.
 */

const DIAL = 'docker system dial-stdio';
const IDLE_MS = 2_000;

/** A socket-like stream over a channel: what Node's HTTP client needs from a socket. */
class ChannelSocket extends Duplex {
  private idleMs = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly channel: ClientChannel,
    private readonly connection: Client,
  ) {
    super();
    channel.on('data', (chunk: Buffer) => {
      this.touch();
      if (!this.push(chunk)) channel.pause();
    });
    channel.once('end', () => this.push(null));
    channel.once('close', () => this.destroy());
  }

  private touch(): void {
    clearTimeout(this.idle);
    if (this.idleMs > 0) this.idle = setTimeout(() => this.emit('timeout'), this.idleMs);
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.touch();
    this.channel.write(chunk, encoding, done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.channel.end();
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    clearTimeout(this.idle);
    this.channel.destroy();
    this.connection.end();
    done(error);
  }

  /** As net.Socket's: 'timeout' after `ms` without reading or writing; 0 turns it off. */
  setTimeout(ms: number, listener?: () => void): this {
    this.idleMs = ms;
    if (listener) {
      if (ms > 0) this.once('timeout', listener);
      else this.off('timeout', listener);
    }
    this.touch();
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }
}

/** ssh2, loaded by the first SSH connection: a local engine never needs its 20-odd files. */
let ssh2: Promise<{ Client: typeof Client }> | undefined;

/** Opens a connection, runs dial-stdio, and calls back once: the socket, or why not. */
function dial(config: ConnectConfig, callback: (error: Error | null, socket?: Duplex) => void): void {
  (ssh2 ??= import('ssh2')).then(
    ({ Client: SshClient }) => dialWith(new SshClient(), config, callback),
    (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
  );
}

function dialWith(
  connection: Client,
  config: ConnectConfig,
  callback: (error: Error | null, socket?: Duplex) => void,
): void {
  let settled = false;
  const settle = (error: Error | null, socket?: Duplex) => {
    if (settled) return;
    settled = true;
    if (error) connection.end();
    callback(error, socket);
  };
  let socket: ChannelSocket | undefined;
  // After the hand-over, a broken connection ends the socket (and the request on it) with the error.
  connection.on('error', (error: Error) => (socket ? socket.destroy(error) : settle(error)));
  connection.once('close', () => {
    if (socket) socket.destroy();
    else
      settle(
        Object.assign(new Error('the SSH connection closed before the engine answered'), {
          code: 'ECONNRESET',
        }),
      );
  });
  connection.once('ready', () => {
    connection.exec(DIAL, (error, channel) => {
      if (error) return settle(error);
      let stderr = '';
      channel.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
      // dial-stdio that ends at once failed (no docker on the host, no engine there): say why.
      channel.once('exit', (code: number | null) => {
        if (code !== 0 && code !== null && socket) {
          socket.destroy(
            Object.assign(
              new Error(`${DIAL} failed on the SSH host (exit ${code}): ${stderr.trim() || 'no output'}`),
              {
                code: 'DW_SSH_DIAL_FAILED',
              },
            ),
          );
        }
      });
      socket = new ChannelSocket(channel, connection);
      settle(null, socket);
    });
  });
  try {
    connection.connect(config);
  } catch (error) {
    settle(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * An agent whose connections are dial-stdio channels, one SSH connection each (as the docker
 * CLI's). An SSH login and a docker process on the host cost a second or more, so a connection
 * is kept for the next request, and closed after IDLE_MS unused (then a command can exit).
 */
export function sshTunnelAgent(config: ConnectConfig): http.Agent {
  const agent = new http.Agent({ keepAlive: true, timeout: IDLE_MS });
  agent.createConnection = (_options, callback) => {
    dial(config, (error, socket) => callback?.(error, socket as Duplex));
    return undefined;
  };
  return agent;
}
