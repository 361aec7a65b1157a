import { describe, expect, it } from 'vitest';
import {
  composeToPlaceholders,
  hasPlaceholders,
  placeholderNames,
  placeholdersToCompose,
  resolvePlaceholders,
} from './env-placeholders';
import { interpolateString } from './interpolate';

describe('environment placeholders', () => {
  it('resolves braced references from the environment; unbraced dollars are literal', () => {
    const env = { DB_PASSWORD: 'canary', EMPTY: '' };
    expect(resolvePlaceholders('${DB_PASSWORD}', env)).toEqual({ value: 'canary', unset: [] });
    expect(resolvePlaceholders('x-${NOPE:-fallback}-${EMPTY:-e}', env).value).toBe('x-fallback-e');
    expect(resolvePlaceholders('$2y$10$abc $HOME $$', env).value).toBe('$2y$10$abc $HOME $$');
    expect(resolvePlaceholders('$${DB_PASSWORD} $$${DB_PASSWORD}', env).value).toBe('${DB_PASSWORD} $canary');
    expect(resolvePlaceholders('${UNSET}', env)).toEqual({ value: '', unset: ['UNSET'] });
    expect(resolvePlaceholders('${UNSET:?set it first}', env)).toMatchObject({
      error: 'Variable UNSET is required: set it first.',
    });
    expect(resolvePlaceholders('${OPEN', env).value).toBe('${OPEN');
  });

  it('names the variables a value refers to', () => {
    expect(placeholderNames('postgres://app:${DB_PASSWORD}@${HOST:-db}/${A:-$B} $NOT')).toEqual([
      'DB_PASSWORD',
      'HOST',
      'A',
      'B',
    ]);
    expect(hasPlaceholders('$${X}')).toBe(false);
    expect(hasPlaceholders('a${X}')).toBe(true);
  });

  it.each([
    ['${DB_PASSWORD}', '${DB_PASSWORD}'],
    ['$DB_PASSWORD', '${DB_PASSWORD}'],
    ['${A:-x$B}', '${A:-x$B}'],
    ['$$HOME', '$HOME'],
    ['$$2y$$10$$abc', '$2y$10$abc'],
    ['$${X}', '$${X}'],
    ['$$${X}', '$$${X}'],
    ['cost $ 5', 'cost $ 5'],
    ['plain', 'plain'],
  ])('imports Compose %s as %s, meaning the same, and exports it back', (compose, topology) => {
    expect(composeToPlaceholders(compose)).toBe(topology);
    const env = { DB_PASSWORD: 'pw', X: 'x', B: 'b' };
    expect(resolvePlaceholders(topology, env).value).toBe(interpolateString(compose, env));
    const exported = placeholdersToCompose(topology);
    expect(interpolateString(exported, env)).toBe(interpolateString(compose, env));
  });

  it('refuses a reference that is never closed', () => {
    expect(composeToPlaceholders('${OPEN')).toBeUndefined();
  });

  it('exports literal dollars escaped and references as they are', () => {
    expect(placeholdersToCompose('$2y$10 ${A:-d} $${B}')).toBe('$$2y$$10 ${A:-d} $${B}');
  });

  it('gives one value one spelling: a `${` never closed is written as it is (found by fuzzing)', () => {
    for (const value of ['${', '${A', 'a ${ b']) {
      expect(composeToPlaceholders(placeholdersToCompose(value))).toBe(value);
    }
    expect(composeToPlaceholders('$${X}')).toBe('$${X}');
  });
});
