import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { appOriginFor, checkToken, cookieName, readCookies, type GuardOptions } from './request-guard';

const guard: GuardOptions = {
  token: 'secret-token',
  port: 7420,
  allowedHosts: new Set(['127.0.0.1:7420', 'localhost:7420', '[::1]:7420']),
};
const request = (headers: IncomingMessage['headers']) => ({ headers }) as IncomingMessage;
const root = new URL('http://request.invalid/');

describe('readCookies', () => {
  it('returns every value with the name, decoded, and skips malformed escapes', () => {
    expect(readCookies('a=1; b=2; a=3', 'a')).toEqual(['1', '3']);
    expect(readCookies('a=x%20y', 'a')).toEqual(['x y']);
    expect(readCookies('a=%E0%A4%A; a=%; a=ok', 'a')).toEqual(['ok']);
    expect(readCookies('a=b=c', 'a')).toEqual(['b=c']);
    expect(readCookies('novalue; =x; a', 'a')).toEqual([]);
    expect(readCookies(undefined, 'a')).toEqual([]);
  });

  it('looks at a bounded number of cookies with one name', () => {
    expect(readCookies(Array.from({ length: 100 }, () => 'a=1').join('; '), 'a')).toHaveLength(8);
  });
});

describe('checkToken', () => {
  const name = cookieName(guard.port);

  it('accepts the token from the header, the query or any cookie with our name', () => {
    expect(checkToken(request({ authorization: 'Bearer secret-token' }), root, guard).ok).toBe(true);
    expect(checkToken(request({}), new URL('/?token=secret-token', root), guard).ok).toBe(true);
    expect(checkToken(request({ cookie: `${name}=planted; ${name}=secret-token` }), root, guard).ok).toBe(
      true,
    );
  });

  it('refuses wrong, malformed and missing tokens with 401, never throwing', () => {
    for (const cookie of [`${name}=%E0%A4%A`, `${name}=%`, `${name}=${'x'.repeat(10_000)}`, 'a=%']) {
      expect(checkToken(request({ cookie }), root, guard)).toMatchObject({ ok: false, status: 401 });
    }
    expect(checkToken(request({ authorization: 'Bearer nope' }), root, guard).ok).toBe(false);
  });
});

describe('appOriginFor', () => {
  const fallback = 'http://127.0.0.1:7420';

  it('uses the Host the browser is on when it is one of ours, else the printed origin', () => {
    expect(appOriginFor(request({ host: 'localhost:7420' }), guard, fallback)).toBe('http://localhost:7420');
    expect(appOriginFor(request({ host: 'evil.example:7420' }), guard, fallback)).toBe(fallback);
    expect(appOriginFor(request({}), guard, fallback)).toBe(fallback);
  });

  it('on a wildcard bind, accepts only a plain host with our port', () => {
    const wildcard: GuardOptions = { ...guard, allowedHosts: new Set() };
    expect(appOriginFor(request({ host: '192.168.1.5:7420' }), wildcard, fallback)).toBe(
      'http://192.168.1.5:7420',
    );
    expect(appOriginFor(request({ host: 'a.example:7420/x' }), wildcard, fallback)).toBe(fallback);
    expect(appOriginFor(request({ host: 'a.example:1' }), wildcard, fallback)).toBe(fallback);
  });
});
