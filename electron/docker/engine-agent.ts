import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import type { EngineConnection } from './docker-host';
import { sshConnectOptions } from './ssh-connect';
import { sshTunnelAgent } from './ssh-tunnel-agent';

/*
 * The HTTP agent for a remote engine (SSH: ssh-tunnel-agent.ts). Node's request timeout only starts once the socket is
 * connected, so an address that never answers (a firewall that drops packets) would wait for the
 * system's TCP timeout, minutes. This agent gives the connection, and the TLS handshake on top,
 * a deadline of its own; a connected socket is not limited (event and log streams stay open).
 */

/** The engine hung up right after the TLS handshake: it refused our client certificate / wants one. */
export const CLIENT_CERT_REFUSED_CODE = 'DW_TLS_CLOSED_AFTER_CLIENT_CERT';
export const CLIENT_CERT_REQUIRED_CODE = 'DW_TLS_CLOSED_WITHOUT_CLIENT_CERT';

/** How long a new TLS 1.3 connection waits for the engine to accept it (see `acceptedTls13`). */
const ACCEPTANCE_WAIT_MS = 1_000;

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

/*
 * In TLS 1.3 the engine checks our client certificate after the handshake is over on our side.
 * Were the request sent at once, a refusal (an alert, then a close) would mostly reach us as a
 * bare connection reset. So a new connection is handed to HTTP once the engine has shown it
 * accepted us: its session tickets, which Go's and OpenSSL's servers send only after checking
 * the client's certificate; or after ACCEPTANCE_WAIT_MS for a server that sends none. A refusal
 * arrives first: as the alert it is (dockerd: ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE, …), or as a
 * bare close (Node's TLS servers send no alert), which is one too at this point.
 */
function acceptedTls13(
  socket: TLSSocket,
  withClientCert: boolean,
  done: (error: Error | null) => void,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  const finish = (error: Error | null) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    socket.off('secureConnect', connected).off('session', accepted).off('error', failed).off('close', closed);
    done(error);
  };
  // Not from inside the 'session' event: a request written from there is never sent.
  const accepted = () => void setImmediate(() => finish(null));
  const failed = (error: Error) => finish(error);
  // Closed before accepting us, with the handshake done on our side: our certificate (or its absence).
  const closed = () =>
    finish(
      Object.assign(new Error('the engine closed the connection right after the TLS handshake'), {
        code: withClientCert ? CLIENT_CERT_REFUSED_CODE : CLIENT_CERT_REQUIRED_CODE,
      }),
    );
  const connected = () => {
    if (socket.getProtocol() !== 'TLSv1.3') return finish(null);
    timer = setTimeout(accepted, ACCEPTANCE_WAIT_MS);
  };
  socket.on('secureConnect', connected).on('session', accepted).on('error', failed).on('close', closed);
}

export interface EngineAgentTimeouts {
  /** TCP: connecting and the TLS handshake. */
  connectTimeoutMs: number;
  /** SSH: connecting, key exchange and login. */
  sshReadyTimeoutMs: number;
}

/** The agent for a `tcp://` (plain or TLS) or `ssh://` engine; undefined for sockets, which need none. */
export function engineAgent(
  connection: EngineConnection,
  timeouts: EngineAgentTimeouts,
): http.Agent | undefined {
  if (connection.socketPath || !connection.host) return undefined;
  if (connection.protocol === 'ssh') {
    const endpoint = {
      host: connection.host,
      port: Number(connection.port ?? '22'),
      username: connection.username ?? '',
      settings: connection.ssh ?? { knownHostsFiles: [] },
    };
    return sshTunnelAgent({
      ...sshConnectOptions(endpoint, { readyTimeoutMs: timeouts.sshReadyTimeoutMs }),
      host: endpoint.host,
      port: endpoint.port,
      username: endpoint.username,
    });
  }
  const connectTimeoutMs = timeouts.connectTimeoutMs;
  const tls = connection.protocol === 'https';
  const agent = tls
    ? new https.Agent({ keepAlive: true, ...(connection.tlsSkipVerify ? { rejectUnauthorized: false } : {}) })
    : new http.Agent({ keepAlive: true });
  const create = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const socket = create(options);
    if (!socket) return socket;
    withDeadline(socket, tls, connectTimeoutMs);
    if (!(socket instanceof TLSSocket) || !callback) return socket;
    acceptedTls13(socket, connection.cert !== undefined, (error) => callback(error, socket));
    return undefined;
  };
  return agent;
}
