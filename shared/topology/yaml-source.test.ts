import { describe, expect, it } from 'vitest';
import { DEFAULT_YAML_LIMITS, readYaml } from './yaml-source';

function codes(text: string): string[] {
  const result = readYaml(text);
  return result.ok ? [] : result.problems.map((p) => p.code);
}

function problems(text: string) {
  const result = readYaml(text);
  return result.ok ? [] : result.problems;
}

const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

describe('readYaml: alias bombs', () => {
  it('refuses the billion laughs at the anchor that passes the bound', () => {
    const [found] = problems(BOMB);
    expect(found).toMatchObject({ code: 'YAML_ALIAS_LIMIT', line: 7 });
    expect(found?.message).toContain('2,000,000 values');
  });

  it('refuses a bomb of merge keys', () => {
    const lines = ['a0: &a0 {k: v}'];
    for (let i = 1; i < 40; i++) lines.push(`a${i}: &a${i} {x: [*a${i - 1}, *a${i - 1}]}`);
    expect(codes(lines.join('\n'))).toEqual(['YAML_ALIAS_LIMIT']);
  });

  it('refuses an alias inside the value it names', () => {
    const [found] = problems('a: &a\n  b: *a\n');
    expect(found).toMatchObject({ code: 'YAML_ALIAS_LIMIT', line: 2 });
    expect(found?.message).toContain('*a is inside the value it names');
  });

  it('refuses an alias without an anchor before it', () => {
    expect(problems('a: *later\nb: &later 1\n')[0]).toMatchObject({ code: 'YAML_SYNTAX', line: 1 });
  });

  it('refuses aliases that nest deeper than the limit once expanded', () => {
    const deep = `a0: &a0 ${'['.repeat(60)}${']'.repeat(60)}\na1: &a1 ${'['.repeat(60)}*a0${']'.repeat(60)}\n`;
    expect(problems(deep)[0]?.message).toContain('with its aliases expanded');
  });

  it('accepts ordinary anchors and merge keys', () => {
    const result = readYaml(
      'base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  b: 3\ny: *b\nz: {<<: [{c: 1}, *b], a: 0}\n',
    );
    expect(result.ok && result.value).toEqual({
      base: { a: 1, b: 2 },
      x: { a: 1, b: 3 },
      y: { a: 1, b: 2 },
      z: { c: 1, a: 0, b: 2 },
    });
  });

  it('refuses a merge key on something that is not a mapping', () => {
    expect(codes('a: 1\nb:\n  <<: 1\n')).toEqual(['YAML_SYNTAX']);
  });

  // yaml's toJS() finds each alias's anchor by walking all anchors before it: 31 s here.
  it('reads 20,000 anchors each used once, each alias the anchored value', () => {
    const n = 20_000;
    const text = `a:\n${Array.from({ length: n }, (_, i) => `  - &a${i} x${i}\n`).join('')}b:\n${Array.from({ length: n }, (_, i) => `  - *a${i}\n`).join('')}`;
    const result = readYaml(text);
    expect(result.ok).toBe(true);
    const value = result.ok ? (result.value as { b: string[] }) : { b: [] };
    expect(value.b).toHaveLength(n);
    expect(value.b[n - 1]).toBe(`x${n - 1}`);
  });
});

describe('readYaml: nesting', () => {
  it('refuses 10,000 nested flow lists with the limit and where it is passed', () => {
    // The mapping is level 1, so the 100th bracket opens level 101.
    const [found] = problems(`a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    expect(found).toMatchObject({ code: 'INPUT_TOO_DEEP', line: 1, column: 103 });
    expect(found?.message).toContain('more than 100 levels deep');
  });

  it('refuses 10,000 nested flow mappings, and 100,000 brackets just as well', () => {
    expect(codes(`${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`)).toEqual(['INPUT_TOO_DEEP']);
    expect(codes(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toEqual(['INPUT_TOO_DEEP']);
  });

  it('refuses 10,000 nested sequences on one line', () => {
    expect(codes(`${'- '.repeat(10_000)}x\n`)).toEqual(['INPUT_TOO_DEEP']);
  });

  it('refuses deep block nesting at its line', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`);
    expect(problems(`${lines.join('\n')} x\n`)[0]).toMatchObject({ code: 'INPUT_TOO_DEEP', line: 101 });
  });

  it('accepts exactly the limit and refuses one more', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(readYaml(nested(100)).ok).toBe(true);
    expect(codes(nested(101))).toEqual(['INPUT_TOO_DEEP']);
    const block = (depth: number) =>
      Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k:`).join('\n') + ' x\n';
    expect(readYaml(block(100)).ok).toBe(true);
    expect(codes(block(101))).toEqual(['INPUT_TOO_DEEP']);
  });

  // The old character pre-scan skipped everything after an opening quote it took for a string.
  it('is not fooled by a quote character before the nesting', () => {
    const text = `a: it "starts\nb: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    expect(problems(text)[0]).toMatchObject({ code: 'INPUT_TOO_DEEP', line: 2 });
    expect(codes(`a: don 't stop\nb: ${'{c: '.repeat(5_000)}1${'}'.repeat(5_000)}\n`)).toEqual([
      'INPUT_TOO_DEEP',
    ]);
  });

  it('does not count brackets inside quoted strings', () => {
    const result = readYaml(`a: "${'['.repeat(500)}"\nb: '${'{'.repeat(500)}'\nc: x [[[\n`);
    expect(result.ok).toBe(true);
  });
});

describe('readYaml: duplicate keys', () => {
  it('reports duplicate keys with their line and the first one', () => {
    const [found] = problems('services:\n  web: {}\n  web: {}\n');
    expect(found).toMatchObject({ code: 'YAML_DUPLICATE_KEY', line: 3, column: 3 });
    expect(found?.message).toBe(
      'The key "web" appears twice in one mapping (first at line 2); YAML requires keys to be unique.',
    );
  });

  it('finds them deep, in flow mappings and in mappings inside lists', () => {
    expect(problems('a:\n  b:\n    c:\n      d:\n        e: 1\n        e: 2\n')[0]).toMatchObject({
      line: 6,
    });
    expect(problems('a: [{x: 1}, {y: 1, y: 2}]\n')[0]).toMatchObject({
      code: 'YAML_DUPLICATE_KEY',
      column: 20,
    });
    expect(codes('a:\n  - k: 1\n    k: 2\n')).toEqual(['YAML_DUPLICATE_KEY']);
  });

  it('sees through quotes and escapes: "a", \'a\', a and "\\x61" are one key', () => {
    expect(codes('"a": 1\na: 2\n')).toEqual(['YAML_DUPLICATE_KEY']);
    expect(codes("a: 1\n'a': 2\n")).toEqual(['YAML_DUPLICATE_KEY']);
    expect(codes('a: 1\n"\\x61": 2\n')).toEqual(['YAML_DUPLICATE_KEY']);
    expect(codes('{"a": 1, \'a\': 2}\n')).toEqual(['YAML_DUPLICATE_KEY']);
  });

  it('treats keys that become one property as one key (1 and "1", 0x10 and 16)', () => {
    expect(codes('1: a\n"1": b\n')).toEqual(['YAML_DUPLICATE_KEY']);
    expect(codes('0x10: a\n16: b\n')).toEqual(['YAML_DUPLICATE_KEY']);
  });

  it('reports every duplicate, up to 20', () => {
    const text = Array.from({ length: 50 }, () => 'k: v').join('\n');
    expect(codes(text)).toHaveLength(20);
  });

  it('lets a key override what a merge key brought in', () => {
    const result = readYaml('d: &d {a: 1}\nx: {<<: *d, a: 2}\n');
    expect(result.ok && result.value).toEqual({ d: { a: 1 }, x: { a: 2 } });
  });

  // yaml's uniqueKeys compares each key with every earlier one: 1.4e10 comparisons here, minutes.
  it('reads a 2 MB mapping of 120,000 keys and keeps every key', () => {
    const n = 120_000;
    const result = readYaml(Array.from({ length: n }, (_, i) => `key-${i}: v`).join('\n'));
    expect(result.ok).toBe(true);
    expect(Object.keys(result.ok ? (result.value as object) : {})).toHaveLength(n);
  });
});

describe('readYaml: reserved keys', () => {
  it('refuses __proto__, constructor and prototype as keys, at their lines', () => {
    const found = problems('a:\n  __proto__: {polluted: true}\nconstructor: 1\nb: [{prototype: 2}]\n');
    expect(found.map((p) => [p.code, p.line])).toEqual([
      ['NAME_RESERVED', 2],
      ['NAME_RESERVED', 3],
      ['NAME_RESERVED', 4],
    ]);
    expect(found[0]?.message).toContain('"__proto__" cannot be a name or key');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('keeps a quoted "__proto__" out as well, and never changes a prototype', () => {
    expect(codes('"__proto__": {x: 1}\n')).toEqual(['NAME_RESERVED']);
    const result = readYaml('a: {b: 1}\n');
    expect(result.ok && Object.getPrototypeOf(result.value)).toBe(Object.prototype);
  });
});

describe('readYaml: size and binary content', () => {
  it('refuses documents over the size limit, saying how large and the limit', () => {
    const big = `a: "${'x'.repeat(25 * 1024 * 1024)}"\n`;
    const [found] = problems(big);
    expect(found?.code).toBe('INPUT_TOO_LARGE');
    expect(found?.message).toBe('Refused: the document is 25 MiB; the limit is 10 MiB.');
    expect(DEFAULT_YAML_LIMITS.maxBytes).toBe(10 * 1024 * 1024);
  });

  it('counts bytes, not characters, for the size limit', () => {
    const limits = { ...DEFAULT_YAML_LIMITS, maxBytes: 1000 };
    expect(readYaml(`a: "${'é'.repeat(400)}"`, limits).ok).toBe(true);
    const result = readYaml(`a: "${'é'.repeat(600)}"`, limits);
    expect(result.ok ? '' : result.problems[0]?.message).toBe(
      'Refused: the document is 1.2 KiB; the limit is 1000 B.',
    );
  });

  it('refuses binary garbage with a position', () => {
    const garbage = 'services:\n  a: \u0000\u0001\u0002\u00ff\ufffd';
    expect(problems(garbage)[0]).toMatchObject({ code: 'INPUT_BINARY', line: 2, column: 6 });
  });

  it('refuses random bytes decoded as text', () => {
    let seed = 7;
    const bytes = Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 256;
    });
    const text = new TextDecoder().decode(new Uint8Array(bytes));
    expect(codes(text)).toEqual(['INPUT_BINARY']);
  });

  it('allows a byte-order mark and tabs', () => {
    expect(readYaml('\ufeffa:\t1\n').ok).toBe(true);
  });
});

describe('readYaml: syntax', () => {
  it('reports syntax errors with a position', () => {
    const [found] = problems('a: [1, 2\nb: }\n');
    expect(found?.code).toBe('YAML_SYNTAX');
    expect(found?.line).toBeGreaterThan(0);
  });

  it('refuses a text of several documents', () => {
    expect(problems('a: 1\n---\nb: 2\n')[0]).toMatchObject({ code: 'YAML_SYNTAX', line: 2 });
  });

  it('reads an empty text as null', () => {
    const result = readYaml('');
    expect(result.ok && result.value).toBeNull();
  });
});

describe('YamlSource.locate', () => {
  it('finds the line and column of a field path, falling back to the deepest existing part', () => {
    const result = readYaml(
      'spec:\n  nodes:\n    web:\n      ports:\n        - target: 80\n          published: 8080\n',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.source.locate(['spec', 'nodes', 'web', 'ports', 0, 'published'])).toEqual({
      line: 6,
      column: 11,
    });
    expect(result.source.locate(['spec', 'nodes', 'web', 'missing', 'x'])).toEqual({ line: 4, column: 7 });
  });

  it('follows aliases', () => {
    const result = readYaml('d: &d\n  x: 1\ne: *d\n');
    expect(result.ok && result.source.locate(['e', 'x'])).toEqual({ line: 2, column: 3 });
  });
});

describe('readYaml number rules', () => {
  it('reads leading-zero integers as octal, as docker-compose and Compose v2 do', () => {
    const result = readYaml('mode: 0400\nother: 0755\nplain: 400\nquoted: "0400"\n');
    expect(result.ok && result.value).toEqual({ mode: 256, other: 493, plain: 400, quoted: '0400' });
  });
});
