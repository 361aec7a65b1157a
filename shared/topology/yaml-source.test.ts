import { describe, expect, it } from 'vitest';
import { DEFAULT_YAML_LIMITS, readYaml } from './yaml-source';

function elapsed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

function codes(text: string): string[] {
  const result = readYaml(text);
  return result.ok ? [] : result.problems.map((p) => p.code);
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

describe('readYaml on hostile input', () => {
  it('refuses an alias bomb quickly', () => {
    const { value, ms } = elapsed(() => readYaml(BOMB));
    expect(value.ok).toBe(false);
    expect(value.ok ? [] : value.problems.map((p) => p.code)).toEqual(['YAML_ALIAS_LIMIT']);
    expect(ms).toBeLessThan(1000);
  });

  it('accepts ordinary anchors and merge keys', () => {
    const result = readYaml('base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  b: 3\ny: *b\n');
    expect(result.ok && result.value).toEqual({ base: { a: 1, b: 2 }, x: { a: 1, b: 3 }, y: { a: 1, b: 2 } });
  });

  it('refuses deep flow nesting before the parser sees it', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const { value, ms } = elapsed(() => readYaml(deep));
    expect(value.ok ? [] : value.problems.map((p) => p.code)).toEqual(['INPUT_TOO_DEEP']);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses deep block nesting', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`);
    expect(codes(`${lines.join('\n')} x\n`)).toEqual(['INPUT_TOO_DEEP']);
  });

  it('refuses nested sequences on one line', () => {
    expect(codes(`${'- '.repeat(500)}x\n`)).toEqual(['INPUT_TOO_DEEP']);
  });

  it('does not count brackets inside quoted strings', () => {
    const result = readYaml(`a: "${'['.repeat(500)}"\nb: '${'{'.repeat(500)}'\n`);
    expect(result.ok).toBe(true);
  });

  it('refuses documents over the size limit without parsing them', () => {
    const big = `a: "${'x'.repeat(DEFAULT_YAML_LIMITS.maxBytes)}"\n`;
    const { value, ms } = elapsed(() => readYaml(big));
    expect(value.ok ? [] : value.problems.map((p) => p.code)).toEqual(['INPUT_TOO_LARGE']);
    expect(ms).toBeLessThan(1000);
  });

  it('counts bytes, not characters, for the size limit', () => {
    const limits = { ...DEFAULT_YAML_LIMITS, maxBytes: 1000 };
    expect(readYaml(`a: "${'é'.repeat(400)}"`, limits).ok).toBe(true);
    expect(readYaml(`a: "${'é'.repeat(600)}"`, limits).ok).toBe(false);
  });

  it('refuses binary garbage with a position', () => {
    const garbage = 'services:\n  a: \u0000\u0001\u0002\u00ff\ufffd';
    const result = readYaml(garbage);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]).toMatchObject({ code: 'INPUT_BINARY', line: 2, column: 6 });
    }
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

  it('reports duplicate keys with their line', () => {
    const result = readYaml('services:\n  web: {}\n  web: {}\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ code: 'YAML_DUPLICATE_KEY', line: 3 });
  });

  it('reports syntax errors with a position', () => {
    const result = readYaml('a: [1, 2\nb: }\n');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]?.code).toBe('YAML_SYNTAX');
      expect(result.problems[0]?.line).toBeGreaterThan(0);
    }
  });

  it('allows a byte-order mark and tabs', () => {
    expect(readYaml('\ufeffa:\t1\n').ok).toBe(true);
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
});

describe('readYaml number rules', () => {
  it('reads leading-zero integers as octal, as docker-compose and Compose v2 do', () => {
    const result = readYaml('mode: 0400\nother: 0755\nplain: 400\nquoted: "0400"\n');
    expect(result.ok && result.value).toEqual({ mode: 256, other: 493, plain: 400, quoted: '0400' });
  });
});
