import { ApiError } from '../../shared/ipc/errors';
import { CLIENT_CERT_REFUSED_CODE, CLIENT_CERT_REQUIRED_CODE } from './engine-agent';
import { hostKeyRejection, sshEndpoint, type HostKeyRejection } from './ssh-connect';

/*
 * Why a connection to a remote engine failed, in words a person can act on: TLS (the engine's
 * certificate, its name, our client certificate) and SSH (the host key, the login). Everything
 * else is left to toEngineError's generic connection messages.
 */

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
]);

/** The engine's TLS alerts when it does not accept our client certificate. */
const CLIENT_CERT_REFUSED = new Set([
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED',
  'ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
  CLIENT_CERT_REFUSED_CODE,
]);

const CLIENT_CERT_MISSING = new Set([
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  CLIENT_CERT_REQUIRED_CODE,
]);

const unavailable = (message: string, host: string, cause: string) =>
  new ApiError('ENGINE_UNAVAILABLE', message, { host, cause });

/** The code in parentheses; ours (a hang-up, not an alert) in words. */
const because = (code: string) =>
  code === CLIENT_CERT_REFUSED_CODE || code === CLIENT_CERT_REQUIRED_CODE
    ? 'it hung up right after the TLS handshake'
    : code;

function tlsError(code: string, err: { reason?: unknown; cert?: unknown }, host: string) {
  if (UNTRUSTED.has(code)) {
    return unavailable(
      `The engine's TLS certificate at ${host} is not trusted: it is not signed by the CA in ca.pem ` +
        `(DOCKER_CERT_PATH, or the context's TLS folder) (${code}).`,
      host,
      'tls-untrusted',
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = (err.cert as { subjectaltname?: unknown } | undefined)?.subjectaltname;
    return unavailable(
      `The engine's TLS certificate does not match the address ${host}: it was made for ` +
        `${typeof names === 'string' && names ? names : 'other names'}. Use an address the certificate names, ` +
        `or a certificate made for this one (${code}).`,
      host,
      'tls-hostname',
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return unavailable(
      `The engine's TLS certificate at ${host} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not valid yet'} (${code}).`,
      host,
      'tls-expired',
    );
  }
  if (CLIENT_CERT_REFUSED.has(code)) {
    return unavailable(
      `The engine at ${host} refused our client certificate (cert.pem): it does not trust the CA that ` +
        `signed it, or the certificate is not one it accepts (${because(code)}).`,
      host,
      'tls-client-refused',
    );
  }
  if (CLIENT_CERT_MISSING.has(code)) {
    return unavailable(
      `The engine at ${host} asks for a client certificate and none was given: put cert.pem and key.pem ` +
        `beside ca.pem in DOCKER_CERT_PATH (${because(code)}).`,
      host,
      'tls-client-missing',
    );
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return unavailable(
      `The engine at ${host} does not speak TLS on that port: drop DOCKER_TLS_VERIFY (plain HTTP, usually ` +
        `port 2375), or use its TLS port (usually 2376) (${code}).`,
      host,
      'tls-not-tls',
    );
  }
  if (code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH') {
    return unavailable(`cert.pem and key.pem do not belong together (${code}).`, host, 'tls-key-mismatch');
  }
  return undefined;
}

function sshTarget(host: string): { host: string; port: number; user: string } | undefined {
  try {
    const url = new URL(host);
    if (url.protocol !== 'ssh:') return undefined;
    return {
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(url.port || '22'),
      user: decodeURIComponent(url.username),
    };
  } catch {
    return undefined;
  }
}

function hostKeyMessage(rejection: HostKeyRejection, target: { host: string; port: number }) {
  const where = `${target.host}:${target.port}`;
  const files = rejection.files.join(' or ');
  const sshCommand = `ssh${target.port === 22 ? '' : ` -p ${target.port}`} ${target.host}`;
  switch (rejection.verdict.kind) {
    case 'changed':
      return (
        `The SSH host key of ${where} has CHANGED: it presented ${rejection.keyType} ${rejection.fingerprint}, ` +
        `which is not the key in ${rejection.verdict.entry.file} line ${rejection.verdict.entry.line}. ` +
        `Someone may be intercepting the connection, or the host was reinstalled. If you know it was, ` +
        `remove the old key (ssh-keygen -R "${rejection.name}") and check the new one with ${sshCommand}.`
      );
    case 'revoked':
      return (
        `The SSH host key of ${where} (${rejection.fingerprint}) is marked @revoked in ` +
        `${rejection.verdict.entry.file} line ${rejection.verdict.entry.line}: refused.`
      );
    case 'unknown':
      return (
        `The SSH host key of ${where} is unknown: ${rejection.keyType} ${rejection.fingerprint} is not in ${files}` +
        (rejection.verdict.knownTypes.length > 0
          ? ` (it has only ${rejection.verdict.knownTypes.join(', ')} keys for this host)`
          : '') +
        `. Connect once with ${sshCommand} to check the fingerprint and accept it, then try again.`
      );
  }
}

function sshError(error: unknown, message: string, host: string): ApiError | undefined {
  const target = sshTarget(host);
  if (!target) return undefined;
  if (message.includes('Host denied')) {
    const rejection = hostKeyRejection(target.host, target.port);
    return unavailable(
      rejection
        ? hostKeyMessage(rejection, target)
        : `The SSH host key of ${target.host}:${target.port} could not be checked against known_hosts.`,
      host,
      rejection ? `ssh-host-key-${rejection.verdict.kind}` : 'ssh-host-key-unknown',
    );
  }
  if (message.includes('authentication methods failed')) {
    const endpoint = sshEndpoint(target.host, target.port);
    const agent = endpoint?.settings.agent;
    return unavailable(
      `The SSH server at ${target.host}:${target.port} refused the login as ${endpoint?.username ?? target.user}: ` +
        (agent
          ? `no key in the SSH agent (SSH_AUTH_SOCK=${agent}) is authorized there. Add yours with ssh-add, or authorize it on the host.`
          : 'no SSH agent is running (SSH_AUTH_SOCK is not set): start one and add your key with ssh-add.'),
      host,
      'ssh-auth',
    );
  }
  if ((error as { code?: unknown } | null)?.code === 'DW_SSH_DIAL_FAILED') {
    return unavailable(
      `The SSH host ${target.host}:${target.port} could not reach its Docker engine: ${message} ` +
        '(the docker CLI must be installed there, and the engine running).',
      host,
      'ssh-dial',
    );
  }
  if (message.includes('Timed out while waiting for handshake')) {
    return unavailable(
      `Docker engine not reachable at ${host}: the SSH connection did not complete in time.`,
      host,
      'timeout',
    );
  }
  return undefined;
}

/** A plain-words ApiError for TLS and SSH failures, or undefined when it is neither. */
export function explainConnectionError(error: unknown, host: string): ApiError | undefined {
  const err = error as { code?: unknown; message?: unknown; reason?: unknown; cert?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const message = typeof err?.message === 'string' ? err.message : '';
  return (code && err ? tlsError(code, err, host) : undefined) ?? sshError(error, message, host);
}
