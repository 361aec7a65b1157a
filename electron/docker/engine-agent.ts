import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { EngineConnection } from './docker-host';

/*
 * The HTTP agent for a TCP engine. Node's request timeout only starts once the socket is
 * connected, so an address that never answers (a firewall that drops packets) would wait for the
 * system's TCP timeout, minutes. This agent gives the connection, and the TLS handshake on top,
 * a deadline of its own; a connected socket is not limited (event and log streams stay open).
 */

function withDeadline(socket: Duplex, tls: boolean, ms: number): void {
  const timer = setTimeout(() => {
    socket.destroy(
      Object.assign(new Error(`connecting took longer than ${ms / 1000} s`), { code: 'ETIMEDOUT' }),
    );
  }, ms);
  const done = () => clearTimeout(timer);
  socket.once(tls ? 'secureConnect' : 'connect', done);
  socket.once('close', done);
}

/** An agent for `tcp://` engines (plain or TLS); undefined for sockets and SSH, which need none. */
export function engineAgent(connection: EngineConnection, connectTimeoutMs: number): http.Agent | undefined {
  if (connection.socketPath || connection.protocol === 'ssh') return undefined;
  const tls = connection.protocol === 'https';
  const agent = tls
    ? new https.Agent({ keepAlive: true, ...(connection.tlsSkipVerify ? { rejectUnauthorized: false } : {}) })
    : new http.Agent({ keepAlive: true });
  const create = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const socket = create(options, callback);
    if (socket) withDeadline(socket, tls, connectTimeoutMs);
    return socket;
  };
  return agent;
}
