import { describe, expect, it } from 'vitest';
import { parseRequestTarget, sameOriginLocation } from './request-target';

describe('parseRequestTarget', () => {
  it('accepts what a browser sends: one slash, a path and a query', () => {
    for (const target of ['/', '/healthz', '/api/rpc', '/assets/app-1.js?v=2', '/?token=abc', '/a%20b/c']) {
      const verdict = parseRequestTarget(target);
      expect(verdict.ok, target).toBe(true);
    }
    const verdict = parseRequestTarget('/x/y?token=t&z=1');
    expect(verdict.ok && verdict.url.pathname).toBe('/x/y');
    expect(verdict.ok && verdict.url.searchParams.get('token')).toBe('t');
  });

  it('refuses absolute-form, authority-form, asterisk and protocol-relative targets', () => {
    for (const target of [
      undefined,
      '',
      'http://x/',
      'x:80',
      '*',
      '//evil.example',
      '//evil.example/?token=t',
    ]) {
      expect(parseRequestTarget(target).ok, String(target)).toBe(false);
    }
  });

  it('refuses dot segments, encoded or not, and backslashes', () => {
    for (const target of [
      '/./x',
      '/../x',
      '/a/..',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%2E/x',
      '/.%2e/x',
      '/.//evil.example/?token=t',
      '/\\evil.example',
      '/%5cevil.example',
    ]) {
      expect(parseRequestTarget(target).ok, target).toBe(false);
    }
  });

  it('refuses what the URL parser cannot read, without throwing', () => {
    for (const target of ['/[', '/%', '/%zz']) expect(() => parseRequestTarget(target)).not.toThrow();
    expect(parseRequestTarget('//[').ok).toBe(false);
  });
});

describe('sameOriginLocation', () => {
  const origin = 'http://127.0.0.1:7420';
  const at = (path: string) => new URL(path, 'http://request.invalid');

  it('keeps the path and query on the app origin', () => {
    expect(sameOriginLocation(origin, at('/'))).toBe('http://127.0.0.1:7420/');
    expect(sameOriginLocation(origin, at('/files?x=1'))).toBe('http://127.0.0.1:7420/files?x=1');
  });

  it('folds leading slashes and backslashes into one slash, so the result never leaves the origin', () => {
    for (const path of ['//evil.example/', '///evil.example', '/\\evil.example', '/%2F%2Fevil.example']) {
      const location = sameOriginLocation(origin, at(path));
      expect(new URL(location).origin, path).toBe(origin);
      expect(location.startsWith(`${origin}/`)).toBe(true);
      expect(location.slice(origin.length)).not.toMatch(/^\/\//);
    }
  });
});
