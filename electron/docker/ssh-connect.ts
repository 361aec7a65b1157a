import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ConnectConfig, ServerHostKeyAlgorithm } from 'ssh2';
import type { SshSettings } from './docker-host';
import {
  checkHostKey,
  fingerprint,
  keyTypeOf,
  knownHostName,
  knownKeyTypes,
  parseKnownHosts,
  type HostKeyVerdict,
  type KnownHostLine,
} from './ssh-known-hosts';

/*
 * How ssh2 (through docker-modem) connects: the user's agent, the host key checked against
 * known_hosts (never accepted blindly), deadlines on the handshake and on a silent connection.
 */

export interface SshEndpoint {
  host: string;
  port: number;
  username: string;
  settings: SshSettings;
}

export interface HostKeyRejection {
  verdict: Exclude<HostKeyVerdict, { kind: 'match' }>;
  name: string;
  keyType: string;
  fingerprint: string;
  files: string[];
}

/*
 * ssh2 reports a refused host key as "Host denied (verification failed)", without the reason;
 * the verifier leaves the reason here, by endpoint, for the error message (engine-errors.ts).
 */
const rejections = new Map<string, HostKeyRejection>();
const endpoints = new Map<string, SshEndpoint>();
const endpointKey = (host: string, port: number) => `${host}:${port}`;

export function hostKeyRejection(host: string, port: number): HostKeyRejection | undefined {
  return rejections.get(endpointKey(host, port));
}

/** What an SSH endpoint was set up with (the agent, the files), for error messages. */
export function sshEndpoint(host: string, port: number): SshEndpoint | undefined {
  return endpoints.get(endpointKey(host, port));
}

function readLinesSync(files: readonly string[]): KnownHostLine[] {
  return files.flatMap((file) => {
    try {
      return parseKnownHosts(readFileSync(file, 'utf8'), file);
    } catch {
      return [];
    }
  });
}

async function readLines(files: readonly string[]): Promise<KnownHostLine[]> {
  const texts = await Promise.all(
    files.map((file) =>
      readFile(file, 'utf8').then(
        (text) => parseKnownHosts(text, file),
        () => [],
      ),
    ),
  );
  return texts.flat();
}

/** A key type in known_hosts as the host key algorithms that use it. */
const ALGORITHMS_OF: Record<string, ServerHostKeyAlgorithm[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};
/** ssh2's own default order. */
const DEFAULT_HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = Object.values(ALGORITHMS_OF).flat();

/**
 * As OpenSSH does: ask first for the kinds of key known_hosts already has for this host, so a
 * server with several host keys shows one that can be checked.
 */
export function hostKeyAlgorithms(known: readonly string[]): ServerHostKeyAlgorithm[] {
  const first = known.flatMap((type) => ALGORITHMS_OF[type] ?? []);
  return [...first, ...DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => !first.includes(a))];
}

/** The host key check: true only for a key known_hosts lists for this host (and not revoked). */
export function hostKeyVerifier(
  endpoint: SshEndpoint,
): (key: Buffer, verify: (valid: boolean) => void) => void {
  const name = knownHostName(endpoint.host, endpoint.port);
  const id = endpointKey(endpoint.host, endpoint.port);
  const files = endpoint.settings.knownHostsFiles;
  return (key, verify) => {
    readLines(files).then(
      (lines) => {
        const verdict = checkHostKey(lines, name, key);
        if (verdict.kind === 'match') {
          rejections.delete(id);
          verify(true);
          return;
        }
        rejections.set(id, {
          verdict,
          name,
          keyType: keyTypeOf(key) ?? 'unknown',
          fingerprint: fingerprint(key),
          files,
        });
        verify(false);
      },
      () => verify(false),
    );
  };
}

export interface SshConnectTimeouts {
  /** Connect, key exchange and login together. */
  readyTimeoutMs: number;
  /** A silent connection is dropped after three keepalives this far apart go unanswered. */
  keepaliveIntervalMs?: number;
}

/** ssh2's connect options for an endpoint (docker-modem adds host, port and user). */
export function sshConnectOptions(endpoint: SshEndpoint, timeouts: SshConnectTimeouts): ConnectConfig {
  endpoints.set(endpointKey(endpoint.host, endpoint.port), endpoint);
  const known = knownKeyTypes(
    readLinesSync(endpoint.settings.knownHostsFiles),
    knownHostName(endpoint.host, endpoint.port),
  );
  return {
    ...(endpoint.settings.agent ? { agent: endpoint.settings.agent } : {}),
    hostVerifier: hostKeyVerifier(endpoint),
    algorithms: { serverHostKey: hostKeyAlgorithms(known) },
    readyTimeout: timeouts.readyTimeoutMs,
    keepaliveInterval: timeouts.keepaliveIntervalMs ?? 10_000,
    keepaliveCountMax: 3,
  };
}
