import { mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConsentRequest } from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import { makeTopology } from '../../shared/testing/topologies';
import { consentRequest, requireConsent } from './run-consent';

const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'dw-consent-')));
symlinkSync('/var/run', path.join(dir, 'sockets'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const risky = makeTopology({
  web: {
    kind: 'service',
    image: 'busybox',
    privileged: true,
    mounts: [
      { type: 'bind', source: './sockets/docker.sock', target: '/var/run/docker.sock' },
      { type: 'bind', source: './src', target: '/src' },
    ],
  },
});

async function refusal(consent?: string): Promise<ApiError> {
  const error = await requireConsent(risky, { baseDir: dir, consent }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error('not refused');
  return error;
}

describe('requireConsent', () => {
  it('lets a topology without dangerous settings through', async () => {
    await requireConsent(makeTopology({ a: { kind: 'service', image: 'busybox' } }), {});
  });

  it('refuses with every setting, bind sources resolved for real, and their fingerprint', async () => {
    const error = await refusal();
    expect(error.code).toBe('CONSENT_REQUIRED');
    expect(error.message).toContain('2 dangerous settings (web privileged, web mounts[0].source)');
    const details = ConsentRequest.parse(error.details);
    expect(details.settings.map((s) => [s.setting, s.value])).toEqual([
      ['privileged', 'true'],
      ['mounts[0].source', `./sockets/docker.sock → ${realpathSync('/var/run')}/docker.sock`],
    ]);
    expect(details.fingerprint).toBe((await consentRequest(risky, { baseDir: dir })).fingerprint);
  });

  it('runs with the fingerprint, and refuses another one', async () => {
    const { fingerprint } = await consentRequest(risky, { baseDir: dir });
    await requireConsent(risky, { baseDir: dir, consent: fingerprint });
    const error = await refusal('0'.repeat(64));
    expect(error.message).toContain('not the ones agreed to');
  });

  it('asks only about the nodes that run under the active profiles', async () => {
    const tools = makeTopology({
      app: { kind: 'service', image: 'busybox' },
      debugger: { kind: 'service', image: 'busybox', pid: 'host', profiles: ['debug'] },
    });
    await requireConsent(tools, {});
    await requireConsent(tools, { profiles: ['dev'] });
    const refused = await requireConsent(tools, { profiles: ['debug'] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).message).toContain('debugger pid');
  });
});
