import { describe, expect, it } from 'vitest';
import { toEngineError } from './engine-errors';

const HOST = 'tcp://127.0.0.1:2376';
const tlsError = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`tls failure ${code}`), { code, ...extra });

describe('TLS failures in plain words', () => {
  it.each([
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'tls-untrusted',
      /certificate at tcp:\/\/127\.0\.0\.1:2376 is not trusted/,
    ],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls-untrusted', /not signed by the CA in ca\.pem/],
    ['CERT_HAS_EXPIRED', 'tls-expired', /is expired/],
    ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'tls-client-refused', /refused our client certificate \(cert\.pem\)/],
    ['ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'tls-client-refused', /refused our client certificate/],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'tls-client-missing', /asks for a client certificate/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls-not-tls', /does not speak TLS on that port/],
  ])('%s', (code, cause, message) => {
    const error = toEngineError(tlsError(code), HOST);
    expect(error.code).toBe('ENGINE_UNAVAILABLE');
    expect(error.details).toEqual({ host: HOST, cause });
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`(${code})`);
  });

  it('reads a hang-up right after the TLS 1.3 handshake as the client certificate refused, or missing', () => {
    const refused = toEngineError(tlsError('DW_TLS_CLOSED_AFTER_CLIENT_CERT'), HOST);
    expect(refused.details).toEqual({ host: HOST, cause: 'tls-client-refused' });
    expect(refused.message).toMatch(
      /refused our client certificate .*\(it hung up right after the TLS handshake\)\.$/,
    );
    const missing = toEngineError(tlsError('DW_TLS_CLOSED_WITHOUT_CLIENT_CERT'), HOST);
    expect(missing.details).toEqual({ host: HOST, cause: 'tls-client-missing' });
    expect(missing.message).toMatch(/asks for a client certificate and none was given/);
  });

  it('names what the certificate was made for when the host name does not match', () => {
    const error = toEngineError(
      tlsError('ERR_TLS_CERT_ALTNAME_INVALID', { cert: { subjectaltname: 'DNS:other.example' } }),
      HOST,
    );
    expect(error.message).toBe(
      "The engine's TLS certificate does not match the address tcp://127.0.0.1:2376: it was made for " +
        'DNS:other.example. Use an address the certificate names, or a certificate made for this one ' +
        '(ERR_TLS_CERT_ALTNAME_INVALID).',
    );
  });

  it('leaves other failures to the generic messages', () => {
    const refused = toEngineError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), HOST);
    expect(refused.message).toBe(
      `Docker engine not reachable at ${HOST}: connection refused (ECONNREFUSED). Is the Docker daemon running?`,
    );
  });
});
