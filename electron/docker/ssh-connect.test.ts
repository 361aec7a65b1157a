import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainConnectionError } from './connection-errors';
import { hostKeyAlgorithms, hostKeyRejection, hostKeyVerifier, sshConnectOptions } from './ssh-connect';

const dir = mkdtempSync(path.join(tmpdir(), 'dw-ssh-connect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function blob(type: string): Buffer {
  const name = Buffer.from(type);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(name.length);
  return Buffer.concat([head, name, Buffer.from([0, 0, 0, 32]), randomBytes(32)]);
}

const hashed = (name: string) => {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
};

let files = 0;
function knownHosts(text: string): string {
  const file = path.join(dir, `known_hosts_${++files}`);
  writeFileSync(file, text);
  return file;
}

const verdict = (verify: (key: Buffer, cb: (ok: boolean) => void) => void, key: Buffer) =>
  new Promise<boolean>((resolve) => verify(key, resolve));

describe('the SSH host key check', () => {
  const key = blob('ssh-ed25519');
  const endpoint = (file: string, port = 2222) => ({
    host: '127.0.0.1',
    port,
    username: 'me',
    settings: { knownHostsFiles: [path.join(dir, 'missing'), file] },
  });

  it('accepts a key known_hosts lists for [host]:port, hashed or not', async () => {
    for (const name of ['[127.0.0.1]:2222', hashed('[127.0.0.1]:2222')]) {
      const file = knownHosts(`${name} ssh-ed25519 ${key.toString('base64')}\n`);
      expect(await verdict(hostKeyVerifier(endpoint(file)), key)).toBe(true);
    }
    expect(hostKeyRejection('127.0.0.1', 2222)).toBeUndefined();
  });

  it('refuses a changed key and says so plainly in the engine error', async () => {
    const file = knownHosts(`[127.0.0.1]:2223 ssh-ed25519 ${blob('ssh-ed25519').toString('base64')}\n`);
    expect(await verdict(hostKeyVerifier(endpoint(file, 2223)), key)).toBe(false);
    expect(hostKeyRejection('127.0.0.1', 2223)?.verdict.kind).toBe('changed');
    const error = explainConnectionError(
      new Error('Host denied (verification failed)'),
      'ssh://me@127.0.0.1:2223',
    );
    expect(error?.code).toBe('ENGINE_UNAVAILABLE');
    expect(error?.details).toMatchObject({ cause: 'ssh-host-key-changed' });
    expect(error?.message).toContain('The SSH host key of 127.0.0.1:2223 has CHANGED');
    expect(error?.message).toContain(`${file} line 1`);
    expect(error?.message).toContain('ssh-keygen -R "[127.0.0.1]:2223"');
  });

  it('refuses an unknown host (no known_hosts at all) with what to do', async () => {
    const lonely = { ...endpoint('x', 2224), settings: { knownHostsFiles: [path.join(dir, 'none')] } };
    expect(await verdict(hostKeyVerifier(lonely), key)).toBe(false);
    const error = explainConnectionError(
      new Error('Host denied (verification failed)'),
      'ssh://127.0.0.1:2224',
    );
    expect(error?.details).toMatchObject({ cause: 'ssh-host-key-unknown' });
    expect(error?.message).toMatch(
      /^The SSH host key of 127\.0\.0\.1:2224 is unknown: ssh-ed25519 SHA256:\S+ is not in .*none\. Connect once with ssh -p 2224 127\.0\.0\.1/,
    );
  });

  it('asks first for the key types known for the host, as OpenSSH does', () => {
    expect(hostKeyAlgorithms([])[0]).toBe('ssh-ed25519');
    expect(hostKeyAlgorithms(['ssh-rsa']).slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(new Set(hostKeyAlgorithms(['ecdsa-sha2-nistp256'])).size).toBe(hostKeyAlgorithms([]).length);
    const file = knownHosts(
      `[127.0.0.1]:2225 ecdsa-sha2-nistp256 ${blob('ecdsa-sha2-nistp256').toString('base64')}\n`,
    );
    const options = sshConnectOptions(
      { ...endpoint(file, 2225), settings: { agent: '/tmp/agent.sock', knownHostsFiles: [file] } },
      { readyTimeoutMs: 3_000 },
    );
    expect(options).toMatchObject({ agent: '/tmp/agent.sock', readyTimeout: 3_000, keepaliveCountMax: 3 });
    expect((options.algorithms?.serverHostKey as string[])[0]).toBe('ecdsa-sha2-nistp256');
  });

  it('says plainly when the login is refused, with or without an agent', () => {
    sshConnectOptions(
      { host: '127.0.0.1', port: 2226, username: 'me', settings: { knownHostsFiles: [] } },
      { readyTimeoutMs: 1_000 },
    );
    const failed = new Error('All configured authentication methods failed');
    expect(explainConnectionError(failed, 'ssh://me@127.0.0.1:2226')?.message).toBe(
      'The SSH server at 127.0.0.1:2226 refused the login as me: no SSH agent is running (SSH_AUTH_SOCK is not set): start one and add your key with ssh-add.',
    );
    expect(
      explainConnectionError(new Error('Timed out while waiting for handshake'), 'ssh://me@127.0.0.1:2226')
        ?.details,
    ).toMatchObject({ cause: 'timeout' });
    // Not SSH: left to the generic messages.
    expect(explainConnectionError(failed, 'tcp://127.0.0.1:2376')).toBeUndefined();
  });
});
