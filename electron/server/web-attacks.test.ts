import { describe, expect, it } from 'vitest';
import { healthStatus, rawExchange, rawRequest, refusalsLogged } from '../testing/web-attack-kit';
import { attackTargetForFile, failOnUncaughtErrors } from '../testing/web-server-kit';
import { cookieName } from './request-guard';

// Each test is an attack that used to throw inside the server (and end the process), redirect off
// the app's origin, or burn seconds of CPU; each ends by checking the server still answers.

failOnUncaughtErrors();
const target = attackTargetForFile();

const port = () => target().server.port;

describe('the web mode under attack over HTTP', () => {
  it('answers malformed and oversized token cookies with 401, not an exception', async () => {
    const name = cookieName(port());
    for (const cookie of [
      `${name}=%E0%A4%A`,
      `${name}=%`,
      `${name}=a=%`,
      `a=%; ${name}=%E0%A4%A`,
      `${name}=${'%'.repeat(10_000)}`,
      `${name}=${'x'.repeat(10_000)}`,
      `${'y'.repeat(5_000)}=%; ${name}=${'%zz'.repeat(1_500)}`,
    ]) {
      const answer = await rawExchange(port(), rawRequest(port(), '/api/rpc', { cookie }));
      expect(answer.status, cookie.slice(0, 40)).toBe(401);
    }
    expect(await healthStatus(target().server)).toBe(200);
  });

  it('answers a cookie header over the header limit with 431', async () => {
    const cookie = `${cookieName(port())}=${'x'.repeat(20_000)}`;
    expect((await rawExchange(port(), rawRequest(port(), '/', { cookie }))).status).toBe(431);
    expect(await healthStatus(target().server)).toBe(200);
  });

  it('still accepts the real token cookie when another localhost port planted one with our name first', async () => {
    const name = cookieName(port());
    const cookie = `${name}=planted; ${name}=${encodeURIComponent(target().server.token)}`;
    const answer = await rawExchange(port(), rawRequest(port(), '/', { cookie }));
    expect(answer.status).toBe(200);
  });

  it('answers malformed request targets with 400 before any other check', async () => {
    for (const requestTarget of [
      '//[',
      'http://[',
      '//:99999',
      `/.//evil.example/?token=${target().server.token}`,
      '//evil.example',
      '//evil.example/?token=x',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/./index.html',
      '/a/../../index.html',
      '/%5cevil.example',
      'http://x/',
      '*',
      'x:80',
    ]) {
      const answer = await rawExchange(port(), rawRequest(port(), requestTarget));
      expect(answer.status, requestTarget).toBe(400);
    }
    expect(await healthStatus(target().server)).toBe(200);
  });

  it('sends the token-trade redirect to its own origin only, whatever the path', async () => {
    const token = target().server.token;
    for (const requestTarget of [
      `/?token=${token}`,
      `/.//evil.example/?token=${token}`,
      `//evil.example/?token=${token}`,
      `/%2F%2Fevil.example/?token=${token}`,
      `/%2F%5Cevil.example/?token=${token}`,
      `/?next=//evil.example&token=${token}`,
    ]) {
      const answer = await rawExchange(port(), rawRequest(port(), requestTarget));
      const location = /\r\nlocation: ([^\r]*)/i.exec(answer.text)?.[1];
      if (location === undefined) {
        expect(answer.status, requestTarget).toBe(400);
        continue;
      }
      expect(answer.status, requestTarget).toBe(303);
      expect(new URL(location, 'http://elsewhere.invalid').origin, requestTarget).toBe(
        target().server.origin,
      );
      expect(location.startsWith(`${target().server.origin}/`), requestTarget).toBe(true);
      expect(location).not.toContain('token=');
    }
    expect(await healthStatus(target().server)).toBe(200);
  });

  it('refuses a body over the byte limit with 413, declared or streamed', async () => {
    const auth = { authorization: `Bearer ${target().server.token}` };
    const declared = await fetch(`${target().server.origin}/api/rpc`, {
      method: 'POST',
      headers: auth,
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });

    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const streamed = await fetch(`${target().server.origin}/api/rpc`, {
      method: 'POST',
      headers: auth,
      duplex: 'half',
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          for (let index = 0; index < 40; index++) controller.enqueue(chunk);
          controller.close();
        },
      }),
    });
    expect(streamed.status).toBe(413);
    expect(await healthStatus(target().server)).toBe(200);
  });

  it('refuses 600,000 keys in 7 MB with 413, and too many keys or items under the byte limit too', async () => {
    const auth = { authorization: `Bearer ${target().server.token}`, 'content-type': 'application/json' };
    const keys = (count: number, key: (index: number) => string) => {
      const parts: string[] = [];
      for (let index = 0; index < count; index++) parts.push(`"${key(index)}":0`);
      return `{${parts.join(',')}}`;
    };
    const envelope = (payload: string) => `{"id":"k","channel":"engine.status","payload":${payload}}`;

    const huge = envelope(keys(600_000, (index) => `k${String(index).padStart(6, '0')}`));
    expect(huge.length).toBeGreaterThan(7_000_000);
    const hugeAnswer = await fetch(`${target().server.origin}/api/rpc`, {
      method: 'POST',
      headers: auth,
      body: huge,
    });
    expect(hugeAnswer.status).toBe(413);

    const dense = envelope(keys(100_000, (index) => index.toString(36)));
    expect(dense.length).toBeLessThan(1024 * 1024);
    const denseAnswer = await fetch(`${target().server.origin}/api/rpc`, {
      method: 'POST',
      headers: auth,
      body: dense,
    });
    expect(denseAnswer.status).toBe(413);
    expect(await denseAnswer.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });

    const spread = envelope(`[${new Array<string>(120_000).fill('0').join(',')}]`);
    const spreadAnswer = await fetch(`${target().server.origin}/api/rpc`, {
      method: 'POST',
      headers: auth,
      body: spread,
    });
    expect(spreadAnswer.status).toBe(413);

    const deep = envelope('['.repeat(100_000) + ']'.repeat(100_000));
    const deepAnswer = await fetch(`${target().server.origin}/api/rpc`, {
      method: 'POST',
      headers: auth,
      body: deep,
    });
    expect(deepAnswer.status).toBe(413);
    expect(await healthStatus(target().server)).toBe(200);
  });

  it('logs each refusal with its reason, and never the token', () => {
    const refusals = refusalsLogged(target().logLines);
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.some((refusal) => refusal.status === 400 && /target/.test(refusal.reason))).toBe(true);
    expect(target().logLines.join('\n')).not.toContain(target().server.token);
  });
});
