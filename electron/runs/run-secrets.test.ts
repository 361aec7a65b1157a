import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTopology } from '../../shared/testing/topologies';
import { MASK, SecretValues } from '../common/secret-values';
import { registerRunSecrets } from './run-secrets';

describe('the secrets a run registers', () => {
  it('are secret-looking values, what secret-looking variables give, URL passwords and secret contents', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dw-run-secrets-'));
    try {
      writeFileSync(path.join(dir, 'db.txt'), 'file-canary-1\n');
      const topology = makeTopology(
        {
          db: {
            kind: 'service',
            image: 'x',
            environment: {
              DB_PASSWORD: 'env-canary-1',
              FROM_HOST_TOKEN: null,
              LINK: 'postgres://app:${DB_PASS}@db',
              URL: 'https://user:url-canary-1@host/x',
              PLAIN: 'not-a-secret-value',
            },
            build: { context: '.', args: { NPM_TOKEN: '${NPM_TOKEN}' } },
          },
        },
        {
          spec: {
            secrets: { file: { file: 'db.txt' }, variable: { environment: 'API_KEY' } },
          },
        },
      );
      const secrets = new SecretValues();
      registerRunSecrets(
        topology,
        {
          FROM_HOST_TOKEN: 'host-canary-1',
          DB_PASS: 'ref-canary-1',
          NPM_TOKEN: 'npm-canary-1',
          API_KEY: 'var-canary-1',
        },
        dir,
        secrets,
      );
      const text = [
        'env-canary-1',
        'host-canary-1',
        'ref-canary-1',
        'url-canary-1',
        'npm-canary-1',
        'file-canary-1',
        'var-canary-1',
        'not-a-secret-value',
      ].join(' ');
      expect(secrets.mask(text)).toBe(`${Array(7).fill(MASK).join(' ')} not-a-secret-value`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
