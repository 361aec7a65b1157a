import { describe, expect, it } from 'vitest';
import { MASK, SecretValues } from './secret-values';

describe('the secret values filter', () => {
  it('masks registered values in text, as written, inside JSON and URL-encoded', () => {
    const secrets = new SecretValues();
    secrets.add('canary-7f3a"x', 'short', undefined, '');
    expect(secrets.mask('password is canary-7f3a"x.')).toBe(`password is ${MASK}.`);
    expect(secrets.mask(JSON.stringify({ env: 'A=canary-7f3a"x' }))).toBe(`{"env":"A=${MASK}"}`);
    expect(secrets.mask(`http://u:${encodeURIComponent('canary-7f3a"x')}@h`)).toBe(`http://u:${MASK}@h`);
    // Too short to mask by value.
    expect(secrets.mask('short')).toBe('short');
  });

  it('masks the longest value first, and every line of a multi-line secret', () => {
    const secrets = new SecretValues();
    secrets.add('abcdef', 'abcdefghij', '-----BEGIN KEY-----\nAAAAAAAAAAAA\n-----END KEY-----');
    expect(secrets.mask('abcdefghij abcdef')).toBe(`${MASK} ${MASK}`);
    expect(secrets.mask('line AAAAAAAAAAAA')).toBe(`line ${MASK}`);
  });

  it('masks strings deep in plain objects and arrays, keys included', () => {
    const secrets = new SecretValues();
    secrets.add('canary-123');
    expect(secrets.maskDeep({ a: ['x canary-123', 1, null], 'canary-123': { b: 'canary-123' } })).toEqual({
      a: [`x ${MASK}`, 1, null],
      [MASK]: { b: MASK },
    });
  });
});
