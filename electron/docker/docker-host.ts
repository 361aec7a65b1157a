import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../shared/ipc/errors';
import { dockerConfigDir, homeDir } from './docker-config';

type Env = Readonly<Record<string, string | undefined>>;

/** How to reach an engine: a local socket, TCP (with TLS material), or SSH. Plain data. */
export interface EngineConnection {
  socketPath?: string;
  host?: string;
  port?: string;
  protocol?: 'http' | 'https' | 'ssh';
  username?: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** TLS without checking the engine's certificate (DOCKER_TLS alone, a context's SkipTLSVerify). */
  tlsSkipVerify?: boolean;
  /** SSH: the agent with the user's keys, the known_hosts files the host key is checked against. */
  ssh?: SshSettings;
}

export interface SshSettings {
  /** SSH_AUTH_SOCK; without it no key can be offered. */
  agent?: string;
  /** `~/.ssh/known_hosts` first, then the system's. */
  knownHostsFiles: string[];
}

export interface DockerHost {
  /** As a person would write it: `unix:///var/run/docker.sock`, `tcp://10.0.0.5:2376`. */
  readonly display: string;
  readonly options: EngineConnection;
  /** The docker context it came from, if any. */
  readonly context?: string;
}

/**
 * Where the engine's published ports are reached from here: undefined for a local socket (they are
 * on this machine, 127.0.0.1), else the remote engine's host name (`tcp://10.0.0.5:2376`,
 * `ssh://deploy@build-box`), whose ports the engine publishes on.
 */
export function remotePortsHost(host: DockerHost): string | undefined {
  if (host.options.socketPath !== undefined) return undefined;
  const name = host.options.host;
  if (!name || name === 'localhost' || name === '127.0.0.1' || name === '::1') return undefined;
  return name;
}

const DEFAULT_SOCKET = process.platform === 'win32' ? '//./pipe/docker_engine' : '/var/run/docker.sock';

const set = (value: string | undefined) => value !== undefined && value !== '';

/**
 * The TLS material of DOCKER_CERT_PATH (or `~/.docker` when TLS is asked for without it), as the
 * docker CLI reads it: ca.pem to check the engine (the system's CAs without it), cert.pem and
 * key.pem to prove who we are (none without them; one without the other is a mistake).
 */
function tlsMaterial(env: Env): Pick<EngineConnection, 'ca' | 'cert' | 'key'> {
  const explicit = set(env.DOCKER_CERT_PATH);
  const asked = set(env.DOCKER_TLS_VERIFY) || set(env.DOCKER_TLS);
  if (!explicit && !asked) return {};
  const dir = explicit ? (env.DOCKER_CERT_PATH as string) : dockerConfigDir(env);
  const read = (name: string) => {
    const file = path.join(dir, name);
    if (!existsSync(file)) return undefined;
    try {
      return readFileSync(file);
    } catch (error) {
      throw new ApiError('INVALID_INPUT', `${file} could not be read: ${(error as Error).message}`);
    }
  };
  const [ca, cert, key] = [read('ca.pem'), read('cert.pem'), read('key.pem')];
  if ((cert === undefined) !== (key === undefined)) {
    throw new ApiError(
      'INVALID_INPUT',
      `${dir} has ${cert ? 'cert.pem but no key.pem' : 'key.pem but no cert.pem'}: a client certificate needs both`,
    );
  }
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

function knownHostsFiles(env: Env): string[] {
  const user = path.join(homeDir(env), '.ssh', 'known_hosts');
  return process.platform === 'win32' ? [user] : [user, '/etc/ssh/ssh_known_hosts'];
}

/**
 * One engine address (`-H`, DOCKER_HOST or a context's) as a connection, with DOCKER_TLS_VERIFY,
 * DOCKER_TLS and DOCKER_CERT_PATH for TLS, the way the docker CLI does. Without an address:
 * DOCKER_HOST, else the platform's socket. Contexts are resolved by `resolveEngine`.
 */
export function resolveDockerHost(explicit: string | undefined, env: Env = process.env): DockerHost {
  const value = explicit ?? env.DOCKER_HOST ?? '';
  if (value === '') {
    return {
      display: process.platform === 'win32' ? `npipe://${DEFAULT_SOCKET}` : `unix://${DEFAULT_SOCKET}`,
      options: { socketPath: DEFAULT_SOCKET },
    };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApiError(
      'INVALID_INPUT',
      `DOCKER_HOST "${value}" is not a URL (expected unix://, npipe://, tcp:// or ssh://)`,
    );
  }
  switch (url.protocol) {
    case 'unix:':
    case 'npipe:': {
      const socketPath =
        url.protocol === 'npipe:' ? value.slice('npipe:'.length) : decodeURIComponent(url.pathname);
      return { display: value, options: { socketPath } };
    }
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const verify = set(env.DOCKER_TLS_VERIFY);
      const tls = url.protocol === 'https:' || verify || set(env.DOCKER_TLS) || url.port === '2376';
      const options: EngineConnection = {
        host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || (tls ? '2376' : '2375'),
        protocol: tls ? 'https' : 'http',
      };
      if (tls) {
        Object.assign(options, tlsMaterial(env));
        if (!verify && set(env.DOCKER_TLS)) options.tlsSkipVerify = true;
      }
      return { display: value, options };
    }
    case 'ssh:': {
      const options: EngineConnection = {
        protocol: 'ssh',
        host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || '22',
        // As ssh does: the local user name when the address names none.
        username: url.username
          ? decodeURIComponent(url.username)
          : env.USER || env.USERNAME || os.userInfo().username,
        ssh: {
          ...(set(env.SSH_AUTH_SOCK) ? { agent: env.SSH_AUTH_SOCK } : {}),
          knownHostsFiles: knownHostsFiles(env),
        },
      };
      return { display: value, options };
    }
    default:
      throw new ApiError(
        'INVALID_INPUT',
        `DOCKER_HOST scheme "${url.protocol}" is not supported (use unix://, npipe://, tcp:// or ssh://)`,
      );
  }
}
