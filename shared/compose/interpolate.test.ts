import { describe, expect, it } from 'vitest';
import type { Problem } from '../topology/problem';
import { interpolateString, interpolateValue, parseDotEnv } from './interpolate';

const env = { SET: 'value', EMPTY: '', HOST: 'db', PORT: '5432' };

describe('interpolateString', () => {
  it.each([
    ['$SET and ${SET}', 'value and value'],
    ['${UNSET:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${UNSET-fallback}', 'fallback'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${UNSET:-${HOST}:${PORT}}', 'db:5432'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['cost $$5 and $${NOT}', 'cost $5 and ${NOT}'],
    ['$$$SET', '$value'],
    ['trailing $', 'trailing $'],
    ['50$ off', '50$ off'],
    ['${SET}${SET}', 'valuevalue'],
  ])('%s -> %s', (input, expected) => {
    expect(interpolateString(input, env)).toBe(expected);
  });

  it('reports unset variables and yields a blank', () => {
    const unset: string[] = [];
    expect(interpolateString('a${NOPE}b$NOPE2', env, (n) => unset.push(n))).toBe('ab');
    expect(unset).toEqual(['NOPE', 'NOPE2']);
  });
});

describe('interpolateValue', () => {
  it('walks values but not keys, and reports each unset variable once', () => {
    const problems: Problem[] = [];
    const out = interpolateValue(
      {
        services: {
          web: { image: 'app:${TAG:-1}', environment: { $KEY: '$X', B: '$X' }, ports: ['${P:-80}:80'] },
        },
      },
      {},
      problems,
    );
    expect(out).toEqual({
      services: { web: { image: 'app:1', environment: { $KEY: '', B: '' }, ports: ['80:80'] } },
    });
    expect(problems.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['COMPOSE_VARIABLE_UNSET', 'services.web.environment.$KEY'],
    ]);
  });

  it('turns ${VAR:?message} into an error that carries the message', () => {
    const problems: Problem[] = [];
    interpolateValue({ a: '${TOKEN:?set TOKEN first}' }, {}, problems);
    expect(problems).toMatchObject([{ code: 'COMPOSE_VARIABLE_REQUIRED', severity: 'error', path: ['a'] }]);
    expect(problems[0]?.message).toContain('set TOKEN first');
  });

  it('reports a malformed expression instead of throwing', () => {
    const problems: Problem[] = [];
    expect(interpolateValue({ a: '${UNCLOSED', b: '${1BAD}' }, {}, problems)).toEqual({
      a: '${UNCLOSED',
      b: '${1BAD}',
    });
    expect(problems.map((p) => p.code)).toEqual(['COMPOSE_INVALID', 'COMPOSE_INVALID']);
  });
});

describe('parseDotEnv', () => {
  it('reads the .env format', () => {
    const text = [
      '# comment',
      'A=1',
      'export B = two ',
      'C="line\\nbreak"',
      "D='$literal'",
      'E=value # trailing',
      'F=',
      'not a line',
      'G=a=b',
    ].join('\n');
    expect(parseDotEnv(text)).toEqual({
      A: '1',
      B: 'two',
      C: 'line\nbreak',
      D: '$literal',
      E: 'value',
      F: '',
      G: 'a=b',
    });
  });
});
