import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/ipc/errors';

/** How to reach an engine: a local socket, TCP (with TLS material), or SSH. */
export interface EngineConnection {
  socketPath?: string;
  host?: string;
  port?: string;
  protocol?: 'http' | 'https' | 'ssh';
  username?: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

export interface DockerHost {
  /** As a person would write it: `unix:///var/run/docker.sock`, `tcp://10.0.0.5:2376`. */
  readonly display: string;
  readonly options: EngineConnection;
}

const DEFAULT_SOCKET = process.platform === 'win32' ? '//./pipe/docker_engine' : '/var/run/docker.sock';

/**
 * Resolves where the engine is, from an explicit value or `DOCKER_HOST` (with `DOCKER_TLS_VERIFY`
 * and `DOCKER_CERT_PATH` for TLS), the way the docker CLI does.
 */
export function resolveDockerHost(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): DockerHost {
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
      const tls = url.protocol === 'https:' || (env.DOCKER_TLS_VERIFY ?? '') !== '' || url.port === '2376';
      const options: EngineConnection = {
        host: url.hostname,
        port: url.port || (tls ? '2376' : '2375'),
        protocol: tls ? 'https' : 'http',
      };
      const certPath = env.DOCKER_CERT_PATH;
      if (tls && certPath) {
        options.ca = readFileSync(path.join(certPath, 'ca.pem'));
        options.cert = readFileSync(path.join(certPath, 'cert.pem'));
        options.key = readFileSync(path.join(certPath, 'key.pem'));
      }
      return { display: value, options };
    }
    case 'ssh:': {
      const options: EngineConnection = {
        protocol: 'ssh',
        host: url.hostname,
        port: url.port || '22',
        ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
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
