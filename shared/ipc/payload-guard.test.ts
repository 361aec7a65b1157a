import { describe, expect, it } from 'vitest';
import { checkPayload } from './payload-guard';

describe('checkPayload', () => {
  it('accepts ordinary payloads', () => {
    expect(checkPayload({ a: [1, 2, { b: 'c' }] })).toEqual({ ok: true });
  });

  it('rejects what passes the size limit, counting keys and strings', () => {
    expect(checkPayload('x'.repeat(101), 100)).toMatchObject({ ok: false, reason: 'too-large' });
    expect(checkPayload({ ['k'.repeat(60)]: 'v'.repeat(60) }, 100)).toMatchObject({
      ok: false,
      reason: 'too-large',
    });
    expect(checkPayload(new Array(1_000_000).fill(0), 1000)).toMatchObject({
      ok: false,
      reason: 'too-large',
    });
  });

  it('rejects nesting deeper than the limit', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100; i++) deep = { d: deep };
    expect(checkPayload(deep, 10_000, 64)).toEqual({ ok: false, reason: 'too-deep', limit: 64 });
    expect(checkPayload(deep, 10_000, 200)).toEqual({ ok: true });
  });
});
