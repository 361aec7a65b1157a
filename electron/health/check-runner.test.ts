import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTarget, runCheck } from './check-runner';
import type { ResolvedCheck } from './check-spec';
import type { ContainerSnapshot, HealthDocker } from './health-docker';

const container = (published: Record<string, number>): ContainerSnapshot => ({
  id: 'c1',
  name: 'shop-web-1',
  nodeId: 'web',
  running: true,
  exitCode: 0,
  oomKilled: false,
  startedAtMs: 0,
  restartPolicy: 'no',
  addresses: ['172.18.0.5'],
  published,
  stopTimeoutSeconds: 10,
});

const httpCheck = (port: number): ResolvedCheck => ({
  id: 'http',
  name: 'http',
  type: 'http',
  intervalMs: 1_000,
  timeoutMs: 2_000,
  retries: 3,
  startPeriodMs: 0,
  startIntervalMs: 1_000,
  http: { port, path: '/', scheme: 'http', status: [[200, 399]], headers: {}, insecure: false },
});

/** Only what an HTTP check asks of the engine: where its ports are. */
const engineAt = (remoteHost: string | undefined) => ({ remoteHost }) as unknown as HealthDocker;

let server: http.Server;
let port = 0;
beforeAll(async () => {
  server = http.createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('where an HTTP or TCP check goes', () => {
  it('a local engine: the published port on 127.0.0.1, else the container address', () => {
    expect(checkTarget(container({ '80/tcp': 8080 }), 80)).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(checkTarget(container({}), 80)).toEqual({ host: '172.18.0.5', port: 80 });
  });

  it('a remote engine: the published port on the engine host, and nothing for an unpublished port', () => {
    expect(checkTarget(container({ '80/tcp': 8080 }), 80, 'build-box')).toEqual({
      host: 'build-box',
      port: 8080,
    });
    expect(checkTarget(container({}), 80, 'build-box')).toBeUndefined();
  });

  it('a remote engine: the check reaches the engine host’s published port (here a local server)', async () => {
    const outcome = await runCheck(
      httpCheck(80),
      container({ '80/tcp': port }),
      engineAt('127.0.0.1'),
      new AbortController().signal,
    );
    expect(outcome.ok).toBe(true);
  });

  it('a remote engine: an unpublished port cannot be checked, and the check says so as "cannot tell"', async () => {
    const outcome = await runCheck(
      httpCheck(80),
      container({}),
      engineAt('build-box'),
      new AbortController().signal,
    );
    expect(outcome).toMatchObject({ ok: false, inconclusive: true });
    expect(outcome.message).toMatch(/port 80 is not published.*remote engine \(build-box\)/);
  });
});
