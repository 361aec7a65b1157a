import { describe, expect, it } from 'vitest';
import { isSecretKey, urlCredential, withoutCredentials } from './secret-keys';

describe('secret-looking names', () => {
  it.each([
    'DB_PASSWORD',
    'POSTGRES_PASSWORD',
    'MYSQL_ROOT_PASSWORD',
    'dbPassword',
    'API_KEY',
    'SSH_KEY',
    'AWS_SECRET_ACCESS_KEY',
    'GITHUB_TOKEN',
    'NPM_AUTH_TOKEN',
    'CLIENT_SECRET',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'SENTRY_DSN',
    'REDIS_PASS',
    'apikey',
    'JWT_SIGNING_KEY',
    'SESSION_COOKIE',
  ])('%s looks secret', (name) => expect(isSecretKey(name)).toBe(true));

  it.each(['PATH', 'HOME', 'KEYCLOAK_URL', 'PORT', 'NODE_ENV', 'MONKEY', 'PASSENGER_COUNT', 'AUTHOR'])(
    '%s does not',
    (name) => expect(isSecretKey(name)).toBe(false),
  );

  it('errs on the side of masking', () => {
    expect(isSecretKey('TOKENIZER_PATH')).toBe(true);
  });
});

describe('credentials in URLs', () => {
  it('finds the password, or a lone user name', () => {
    expect(urlCredential('http://user:canary%40x@127.0.0.1:4318')).toBe('canary@x');
    expect(urlCredential('https://ghp_abc@github.com/x.git')).toBe('ghp_abc');
    expect(urlCredential('postgres://app:@db/app')).toBeUndefined();
    expect(urlCredential('http://127.0.0.1:4318/v1/traces')).toBeUndefined();
    expect(urlCredential('not a url user:pw@host')).toBeUndefined();
  });

  it('drops the user information from a URL', () => {
    expect(withoutCredentials('http://user:canary@127.0.0.1:4318/v1/traces')).toBe(
      'http://127.0.0.1:4318/v1/traces',
    );
    expect(withoutCredentials('http://127.0.0.1:4318')).toBe('http://127.0.0.1:4318');
    expect(withoutCredentials('http://host/path?x=a@b')).toBe('http://host/path?x=a@b');
  });
});
