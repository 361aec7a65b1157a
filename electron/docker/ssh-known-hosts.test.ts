import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  fingerprint,
  keyTypeOf,
  knownHostName,
  knownKeyTypes,
  parseKnownHosts,
  patternsMatch,
} from './ssh-known-hosts';

/** A public key blob as SSH sends it: the type as an SSH string, then key bytes. */
function blob(type: string, bytes = randomBytes(32)): Buffer {
  const name = Buffer.from(type);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(name.length);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(bytes.length);
  return Buffer.concat([head, name, size, bytes]);
}

/** `ssh-keygen -H`'s form of a host name. */
function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

const line = (patterns: string, key: Buffer, marker = '') =>
  `${marker ? `${marker} ` : ''}${patterns} ${keyTypeOf(key) ?? '?'} ${key.toString('base64')} comment`;

describe('known_hosts parsing', () => {
  it('reads plain, hashed and marked lines, and skips comments, blanks and broken lines', () => {
    const a = blob('ssh-ed25519');
    const b = blob('ecdsa-sha2-nistp256');
    const text = [
      '# a comment',
      '',
      line('build-box,10.0.0.5', a),
      line(hashed('[127.0.0.1]:2222'), b),
      line('*', a, '@revoked'),
      line('*.example.com', b, '@cert-authority'),
      'just-one-field',
      'host ssh-ed25519 not*base64',
      line('x', a, '@nonsense'),
    ].join('\n');
    const lines = parseKnownHosts(text, '/home/me/.ssh/known_hosts');
    expect(lines.map((l) => [l.line, l.marker ?? '', l.keyType])).toEqual([
      [3, '', 'ssh-ed25519'],
      [4, '', 'ecdsa-sha2-nistp256'],
      [5, 'revoked', 'ssh-ed25519'],
      [6, 'cert-authority', 'ecdsa-sha2-nistp256'],
    ]);
    expect(lines[0]?.key.equals(a)).toBe(true);
    expect(lines[0]?.file).toBe('/home/me/.ssh/known_hosts');
  });

  it('names hosts as ssh does: bare on port 22, [host]:port otherwise', () => {
    expect(knownHostName('build-box', 22)).toBe('build-box');
    expect(knownHostName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
  });

  it('matches patterns: lists, wildcards, negation, case, and hashed names', () => {
    expect(patternsMatch('a,b,c', 'b')).toBe(true);
    expect(patternsMatch('*.example.com', 'Build.Example.com')).toBe(true);
    expect(patternsMatch('*.example.com,!secret.example.com', 'secret.example.com')).toBe(false);
    expect(patternsMatch('10.0.0.?', '10.0.0.7')).toBe(true);
    expect(patternsMatch('10.0.0.?', '10.0.0.17')).toBe(false);
    expect(patternsMatch('[127.0.0.1]:2222', '[127.0.0.1]:2222')).toBe(true);
    expect(patternsMatch('127.0.0.1', '[127.0.0.1]:2222')).toBe(false);
    const name = '[127.0.0.1]:2222';
    expect(patternsMatch(hashed(name), name)).toBe(true);
    expect(patternsMatch(hashed(name), '[127.0.0.1]:2223')).toBe(false);
    expect(patternsMatch('|1|bm90|aGFzaA==', name)).toBe(false);
  });
});

describe('host key check', () => {
  const key = blob('ssh-ed25519');
  const other = blob('ssh-ed25519');
  const ecdsa = blob('ecdsa-sha2-nistp256');
  const name = '[127.0.0.1]:2222';

  it('accepts the key known_hosts has for the host, plain or hashed', () => {
    for (const patterns of [name, hashed(name), `other,${name}`]) {
      const verdict = checkHostKey(parseKnownHosts(line(patterns, key)), name, key);
      expect(verdict).toMatchObject({ kind: 'match', entry: { line: 1 } });
    }
  });

  it('refuses a changed key of the same type, saying where the old one is', () => {
    const lines = parseKnownHosts(['# first', line(hashed(name), other)].join('\n'), 'kh');
    expect(checkHostKey(lines, name, key)).toMatchObject({
      kind: 'changed',
      entry: { file: 'kh', line: 2, keyType: 'ssh-ed25519' },
    });
  });

  it('calls a host unknown when it is absent, or known only with other key types', () => {
    expect(checkHostKey(parseKnownHosts(line('elsewhere', key)), name, key)).toEqual({
      kind: 'unknown',
      knownTypes: [],
    });
    expect(checkHostKey(parseKnownHosts(line(name, ecdsa)), name, key)).toEqual({
      kind: 'unknown',
      knownTypes: ['ecdsa-sha2-nistp256'],
    });
    // The same key for another port is another host.
    expect(checkHostKey(parseKnownHosts(line('127.0.0.1', key)), name, key).kind).toBe('unknown');
  });

  it('refuses a revoked key even when another line accepts it, and ignores CA lines', () => {
    const lines = parseKnownHosts([line(name, key), line('*', key, '@revoked')].join('\n'));
    expect(checkHostKey(lines, name, key)).toMatchObject({ kind: 'revoked', entry: { line: 2 } });
    const ca = parseKnownHosts(line('*', key, '@cert-authority'));
    expect(checkHostKey(ca, name, key).kind).toBe('unknown');
  });

  it('lists the key types known for a host, for the algorithm order', () => {
    const lines = parseKnownHosts([line(name, ecdsa), line(hashed(name), key), line('x', other)].join('\n'));
    expect(knownKeyTypes(lines, name)).toEqual(['ecdsa-sha2-nistp256', 'ssh-ed25519']);
  });

  it('prints fingerprints as ssh-keygen -l does', () => {
    expect(fingerprint(key)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(keyTypeOf(Buffer.from([0, 0]))).toBeUndefined();
  });
});
