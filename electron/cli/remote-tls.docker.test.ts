import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDockerContexts } from '../docker/docker-contexts';
import { testEngine } from '../docker/engine-test';
import { captureIo } from '../testing/capture-io';
import { testDocker, testProjectName } from '../testing/docker-project';
import { makeTestCertificates, type TestCertificates } from '../testing/test-certificates';
import { BUSYBOX_IMAGE, dockerCliServerVersion } from '../testing/test-images';
import {
  closedPort,
  startSilentServer,
  startTlsEngineProxy,
  type TlsEngineProxy,
} from '../testing/tls-engine-proxy';
import { topology } from '../testing/topologies';
import { runCli } from './program';

/*
 * A real mutual-TLS engine endpoint: certificates made with openssl, a TLS server on 127.0.0.1
 * that asks for a client certificate and pipes to the local engine's socket. The CLI reaches it
 * as it would a remote `dockerd --tlsverify`; wrong certificates fail at once, in plain words.
 */

const neverStops = { staticDir: '/nonexistent', untilStopped: () => new Promise(() => {}) };
const dir = mkdtempSync(path.join(tmpdir(), 'dw-remote-tls-'));
const home = path.join(dir, 'home');
const docker = testDocker();
const project = testProjectName('dwtest-tls');
let certs: TestCertificates;
let good: TlsEngineProxy;
let otherHost: TlsEngineProxy;
let untrusted: TlsEngineProxy;
let silent: { host: string; close(): Promise<void> };
let refusedHost: string;

beforeAll(async () => {
  certs = makeTestCertificates(path.join(dir, 'certs'));
  good = await startTlsEngineProxy({ ...certs.server, ca: certs.ca });
  otherHost = await startTlsEngineProxy({ ...certs.otherHostServer, ca: certs.ca });
  untrusted = await startTlsEngineProxy({ ...certs.untrustedServer, ca: certs.ca });
  silent = await startSilentServer();
  refusedHost = `tcp://127.0.0.1:${await closedPort()}`;
  // A fake ~/.docker with a context for the good endpoint (its TLS material as `docker context
  // create --docker host=…,ca=…,cert=…,key=…` stores it) and one that points nowhere.
  for (const [name, host] of [
    ['lab', good.host],
    ['nowhere', refusedHost],
  ] as const) {
    const id = createHash('sha256').update(name).digest('hex');
    const meta = path.join(home, '.docker', 'contexts', 'meta', id);
    mkdirSync(meta, { recursive: true });
    writeFileSync(
      path.join(meta, 'meta.json'),
      JSON.stringify({
        Name: name,
        Metadata: {},
        Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
      }),
    );
    if (name === 'lab')
      cpSync(certs.clientDir, path.join(home, '.docker', 'contexts', 'tls', id, 'docker'), {
        recursive: true,
      });
  }
}, 120_000);

afterAll(async () => {
  await docker.resources.projects.cleanup(project, { stopTimeoutSeconds: 1, volumes: true });
  docker.dispose();
  await Promise.all([good, otherHost, untrusted, silent].map((server) => server?.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** The environment of a shell with a fake home: no DOCKER_* from the one running the tests. */
function shell(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, HOME: home, ...extra };
  for (const name of [
    'DOCKER_HOST',
    'DOCKER_CONTEXT',
    'DOCKER_CONFIG',
    'DOCKER_CERT_PATH',
    'DOCKER_TLS_VERIFY',
    'DOCKER_TLS',
  ])
    if (!(name in extra)) delete env[name];
  return env;
}

const tlsEnv = (host: string, certDir: string) =>
  shell({ DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir });

async function cli(args: string[], env: Record<string, string | undefined>) {
  const { io, stdout, stderr } = captureIo(env, dir);
  const started = performance.now();
  const code = await runCli(args, io, neverStops);
  return { code, stdout: stdout(), stderr: stderr(), ms: performance.now() - started };
}

describe('a mutual-TLS engine', () => {
  it('answers `engine` over TLS with the right client certificate', async () => {
    const before = good.authorized();
    const run = await cli(['engine', '--json'], tlsEnv(good.host, certs.clientDir));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const info = JSON.parse(run.stdout) as { reachable: boolean; host: string; version: string };
    expect(info).toMatchObject({ reachable: true, host: good.host, version: dockerCliServerVersion() });
    expect(good.authorized()).toBeGreaterThan(before);
  });

  it('runs `up` and `down` over it', async () => {
    const file = path.join(dir, `${project}.yaml`);
    writeFileSync(
      file,
      JSON.stringify(
        topology(project, { box: { kind: 'service', image: BUSYBOX_IMAGE, command: ['sleep', '3600'] } }),
      ),
    );
    const env = tlsEnv(good.host, certs.clientDir);
    const up = await cli(['up', file, '--data-dir', path.join(dir, 'data')], env);
    expect(up.stderr).toBe('');
    expect(up.stdout).toContain('Run succeeded');
    expect(up.code).toBe(0);
    const box = await docker.engine.client.inspectContainer(`${project}-box`);
    expect(box.State.Running).toBe(true);
    const down = await cli(['down', file, '--data-dir', path.join(dir, 'data')], env);
    expect(down.code).toBe(0);
    expect(await docker.leftovers(project)).toBe(0);
  }, 120_000);

  it.each([
    [
      'a client certificate of another CA',
      () => tlsEnv(good.host, certs.otherCaClientDir),
      /refused our client certificate \(cert\.pem\)/,
    ],
    [
      'no client certificate',
      () => tlsEnv(good.host, certs.caOnlyDir),
      /(asks for a client certificate|refused our client certificate)/,
    ],
    [
      'a server certificate for another host name',
      () => tlsEnv(otherHost.host, certs.clientDir),
      /does not match the address tcp:\/\/127\.0\.0\.1:\d+: it was made for DNS:other\.example/,
    ],
    [
      'a server certificate of another CA',
      () => tlsEnv(untrusted.host, certs.clientDir),
      /TLS certificate at tcp:\/\/127\.0\.0\.1:\d+ is not trusted/,
    ],
    [
      'nothing listening',
      () => tlsEnv(refusedHost, certs.clientDir),
      /not reachable at tcp:\/\/127\.0\.0\.1:\d+: connection refused \(ECONNREFUSED\)/,
    ],
  ])('fails fast and plainly with %s', async (_what, env, message) => {
    const run = await cli(['engine'], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.ms).toBeLessThan(3_000);
  });

  it('gives up on an endpoint that never completes the handshake within seconds, not minutes', async () => {
    const run = await cli(['engine'], tlsEnv(silent.host, certs.clientDir));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not reachable at tcp:\/\/127\.0\.0\.1:\d+: timed out/);
    expect(run.ms).toBeLessThan(8_000);
  });
});

describe('docker contexts and precedence, from a fake ~/.docker', () => {
  it('--context reaches the endpoint with the TLS material of the context', async () => {
    const run = await cli(['engine'], shell());
    const byContext = await cli(['engine', '--context', 'lab'], shell());
    expect(byContext.stderr).toBe('');
    expect(byContext.stdout).toContain(`Engine:      ${good.host} (context lab)`);
    expect(run.stdout).toContain('Engine:      unix:///var/run/docker.sock\n');
  });

  it('DOCKER_CONTEXT and config.json currentContext name it too, and `engine --contexts` marks it', async () => {
    expect((await cli(['engine', '--json'], shell({ DOCKER_CONTEXT: 'lab' }))).stdout).toContain(
      `"host": "${good.host}"`,
    );
    writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'lab' }));
    try {
      expect((await cli(['engine', '--json'], shell())).stdout).toContain(`"host": "${good.host}"`);
      const list = await cli(['engine', '--contexts'], shell());
      expect(list.stdout.split('\n')).toEqual([
        '  default  unix:///var/run/docker.sock',
        `* lab      ${good.host}`,
        `  nowhere  ${refusedHost}`,
        '',
      ]);
    } finally {
      rmSync(path.join(home, '.docker', 'config.json'));
    }
  });

  it('-H wins over --context; --context over DOCKER_HOST; DOCKER_HOST over DOCKER_CONTEXT', async () => {
    const hOverContext = await cli(
      ['engine', '-H', good.host, '--context', 'nowhere'],
      tlsEnv('', certs.clientDir),
    );
    expect(hOverContext.stdout).toContain(`Engine:      ${good.host}\n`);
    const contextOverHost = await cli(['engine', '--context', 'lab'], shell({ DOCKER_HOST: refusedHost }));
    expect(contextOverHost.stdout).toContain(`(context lab)`);
    const hostOverEnvContext = await cli(
      ['engine'],
      shell({ DOCKER_HOST: refusedHost, DOCKER_CONTEXT: 'lab' }),
    );
    expect(hostOverEnvContext.code).toBe(1);
    expect(hostOverEnvContext.stderr).toContain(`not reachable at ${refusedHost}: connection refused`);
    const missing = await cli(['engine', '--context', 'gone'], shell());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^docker context "gone" was not found in .*contexts/);
  });

  it("the Settings page's functions: contexts with the current one, and the engine test", async () => {
    const env = shell({ DOCKER_CONTEXT: 'lab' });
    expect(await listDockerContexts(env)).toEqual([
      { name: 'lab', host: good.host, tls: true, current: true },
      { name: 'nowhere', host: refusedHost, tls: false, current: false },
    ]);
    const ok = await testEngine({ context: 'lab' }, env);
    expect(ok).toMatchObject({ ok: true, host: good.host, version: dockerCliServerVersion() });
    expect(ok.message).toMatch(/answered at tcp:\/\/127\.0\.0\.1:\d+ \(context lab\) in \d+ ms\.$/);
    const refused = await testEngine({ context: 'nowhere' }, env);
    expect(refused).toMatchObject({ ok: false, code: 'ENGINE_UNAVAILABLE' });
    const wrong = await testEngine({ host: good.host }, tlsEnv('', certs.otherCaClientDir));
    expect(wrong).toMatchObject({ ok: false, code: 'ENGINE_UNAVAILABLE' });
    expect(wrong.message).toContain('refused our client certificate');
  });
});
