import { describe, expect, it } from 'vitest';
import { checkJsonShape } from './json-shape';

const check = (text: string, maxDepth = 3, maxEntries = 10, maxObjectMembers = 10) =>
  checkJsonShape(Buffer.from(text, 'utf8'), { maxDepth, maxEntries, maxObjectMembers });

describe('checkJsonShape', () => {
  it('accepts JSON within the depth and entry limits', () => {
    expect(check('{"a":[1,2,3],"b":{"c":"d"}}')).toEqual({ ok: true });
    expect(check('"just a string"')).toEqual({ ok: true });
    expect(check('[[[]]]')).toEqual({ ok: true });
  });

  it('refuses nesting past the depth limit, arrays and objects alike', () => {
    expect(check('[[[[]]]]')).toEqual({ ok: false, reason: 'too-deep', limit: 3 });
    expect(check('{"a":{"b":{"c":{}}}}')).toEqual({ ok: false, reason: 'too-deep', limit: 3 });
    expect(check('['.repeat(1_000_000))).toMatchObject({ ok: false, reason: 'too-deep' });
  });

  it('counts containers, members and array items', () => {
    // 1 object + 10 members = 11 entries.
    const members = Array.from({ length: 10 }, (_, index) => `"k${index}":0`).join(',');
    expect(check(`{${members}}`, 3, 10, 100)).toEqual({ ok: false, reason: 'too-many-entries', limit: 10 });
    // 1 array + 9 commas = 10 entries.
    expect(check(`[${new Array<number>(10).fill(0).join(',')}]`)).toEqual({ ok: true });
    expect(check(`[${new Array<number>(11).fill(0).join(',')}]`)).toMatchObject({
      reason: 'too-many-entries',
    });
  });

  it('counts the members of each object on its own', () => {
    const object = (count: number) =>
      `{${Array.from({ length: count }, (_, index) => `"k${index}":0`).join(',')}}`;
    expect(check(`[${object(4)},${object(4)}]`, 3, 100, 4)).toEqual({ ok: true });
    expect(check(`[${object(4)},${object(5)}]`, 3, 100, 4)).toEqual({
      ok: false,
      reason: 'too-many-members',
      limit: 4,
    });
    // Members of a nested object do not count towards its parent's.
    expect(check(`{"a":${object(4)},"b":${object(4)}}`, 3, 100, 4)).toEqual({ ok: true });
  });

  it('ignores brackets, commas, colons and escaped quotes inside strings', () => {
    expect(check(JSON.stringify({ s: '[[[[[[{{{{:::,,,,\\"\\\\"' }))).toEqual({ ok: true });
    expect(check(JSON.stringify(['"]]]]][[[[[["', 'ü€😀[[[[']))).toEqual({ ok: true });
  });
});
