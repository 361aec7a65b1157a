import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Certificates for TLS tests, made with `openssl` in a folder of the test's: a CA, a server
 * certificate for 127.0.0.1, a client certificate, and the wrong ones (another CA, another host
 * name). EC P-256 keys: quick to make on a loaded machine.
 */

const openssl = (dir: string, args: string[]) =>
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', timeout: 30_000 });

function key(dir: string, name: string): string {
  openssl(dir, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}-key.pem`]);
  return `${name}-key.pem`;
}

function authority(dir: string, name: string): void {
  const k = key(dir, name);
  openssl(dir, [
    'req',
    '-x509',
    '-new',
    '-key',
    k,
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
  ]);
}

function signed(dir: string, name: string, ca: string, extensions: string): void {
  const k = key(dir, name);
  openssl(dir, ['req', '-new', '-key', k, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
  writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}-key.pem`,
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  ]);
}

export interface TestCertificates {
  dir: string;
  /** PEM file paths. */
  ca: string;
  server: { cert: string; key: string };
  /** Signed by the CA, for DNS:other.example only. */
  otherHostServer: { cert: string; key: string };
  /** For 127.0.0.1, signed by another CA. */
  untrustedServer: { cert: string; key: string };
  /** DOCKER_CERT_PATH folders: the right client, a client of another CA, no client at all. */
  clientDir: string;
  otherCaClientDir: string;
  caOnlyDir: string;
}

export function makeTestCertificates(dir: string): TestCertificates {
  mkdirSync(dir, { recursive: true });
  authority(dir, 'ca');
  authority(dir, 'other-ca');
  const server = 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n';
  signed(dir, 'server', 'ca', server);
  signed(dir, 'other-host', 'ca', 'subjectAltName=DNS:other.example\nextendedKeyUsage=serverAuth\n');
  signed(dir, 'untrusted', 'other-ca', server);
  signed(dir, 'client', 'ca', 'extendedKeyUsage=clientAuth\n');
  signed(dir, 'other-client', 'other-ca', 'extendedKeyUsage=clientAuth\n');
  const folder = (name: string, files: Record<string, string>) => {
    const target = path.join(dir, name);
    mkdirSync(target, { recursive: true });
    for (const [to, from] of Object.entries(files)) copyFileSync(path.join(dir, from), path.join(target, to));
    return target;
  };
  const file = (name: string) => path.join(dir, name);
  return {
    dir,
    ca: file('ca.pem'),
    server: { cert: file('server.pem'), key: file('server-key.pem') },
    otherHostServer: { cert: file('other-host.pem'), key: file('other-host-key.pem') },
    untrustedServer: { cert: file('untrusted.pem'), key: file('untrusted-key.pem') },
    clientDir: folder('client', {
      'ca.pem': 'ca.pem',
      'cert.pem': 'client.pem',
      'key.pem': 'client-key.pem',
    }),
    otherCaClientDir: folder('other-client', {
      'ca.pem': 'ca.pem',
      'cert.pem': 'other-client.pem',
      'key.pem': 'other-client-key.pem',
    }),
    caOnlyDir: folder('ca-only', { 'ca.pem': 'ca.pem' }),
  };
}
