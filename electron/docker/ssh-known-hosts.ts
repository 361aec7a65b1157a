import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/*
 * OpenSSH's known_hosts, read the way `ssh` reads it (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"):
 * `[marker] patterns keytype base64-key [comment]`, patterns comma-separated with `*`, `?` and
 * `!` negation, `[host]:port` for ports other than 22, and hashed names `|1|salt|hmac-sha1`.
 * `@revoked` keys are refused for every host they match; `@cert-authority` lines are skipped
 * (host certificates are not supported).
 */

export interface KnownHostLine {
  /** Where it was read, for messages: the file and the 1-based line. */
  readonly file: string;
  readonly line: number;
  readonly marker?: 'revoked' | 'cert-authority';
  readonly patterns: string;
  readonly keyType: string;
  readonly key: Buffer;
}

export type HostKeyVerdict =
  | { kind: 'match'; entry: KnownHostLine }
  /** Known with a key of the same type, but another one: changed, or someone in between. */
  | { kind: 'changed'; entry: KnownHostLine }
  /** Not in the files at all, or only with keys of other types (`knownTypes`). */
  | { kind: 'unknown'; knownTypes: string[] }
  | { kind: 'revoked'; entry: KnownHostLine };

export function parseKnownHosts(text: string, file = 'known_hosts'): KnownHostLine[] {
  const lines: KnownHostLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) return;
    let marker: KnownHostLine['marker'];
    if (fields[0].startsWith('@')) {
      const name = fields.shift();
      if (name !== '@revoked' && name !== '@cert-authority') return;
      marker = name === '@revoked' ? 'revoked' : 'cert-authority';
    }
    const [patterns, keyType, base64] = fields;
    if (!patterns || !keyType || !base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return;
    const key = Buffer.from(base64, 'base64');
    if (key.length === 0) return;
    lines.push({ file, line: index + 1, ...(marker ? { marker } : {}), patterns, keyType, key });
  });
  return lines;
}

/** The name a host is looked up by: `host` on port 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function wildcardMatch(pattern: string, name: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(name);
}

function hashedMatch(entry: string, name: string): boolean {
  const [, version, salt, hash] = entry.split('|');
  if (version !== '1' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Whether a line's host patterns take `name` (one of the names, none of the negated ones). */
export function patternsMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith('|')) return hashedMatch(patterns, name);
  let matched = false;
  for (const pattern of patterns.split(',')) {
    const negated = pattern.startsWith('!');
    if (!wildcardMatch(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** The key type a public key blob names (its first SSH string), e.g. `ssh-ed25519`. */
export function keyTypeOf(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || blob.length < 4 + length) return undefined;
  return blob.subarray(4, 4 + length).toString('ascii');
}

/** `SHA256:…` as `ssh-keygen -l` and `ssh` print it. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** What known_hosts says about the key a host presented, by its lookup name (`knownHostName`). */
export function checkHostKey(lines: readonly KnownHostLine[], name: string, key: Buffer): HostKeyVerdict {
  const keyType = keyTypeOf(key);
  const forHost = lines.filter((entry) => patternsMatch(entry.patterns, name));
  const revoked = forHost.find((entry) => entry.marker === 'revoked' && entry.key.equals(key));
  if (revoked) return { kind: 'revoked', entry: revoked };
  const plain = forHost.filter((entry) => entry.marker === undefined);
  const same = plain.find((entry) => entry.key.equals(key));
  if (same) return { kind: 'match', entry: same };
  const sameType = plain.find((entry) => entry.keyType === keyType);
  if (sameType) return { kind: 'changed', entry: sameType };
  return { kind: 'unknown', knownTypes: [...new Set(plain.map((entry) => entry.keyType))] };
}

/** The key types known_hosts has for a host, to ask the server for one of those first. */
export function knownKeyTypes(lines: readonly KnownHostLine[], name: string): string[] {
  return [
    ...new Set(
      lines
        .filter((entry) => entry.marker === undefined && patternsMatch(entry.patterns, name))
        .map((entry) => entry.keyType),
    ),
  ];
}
