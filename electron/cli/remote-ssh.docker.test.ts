import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../docker/engine-test';
import { captureIo } from '../testing/capture-io';
import { testDocker, testProjectName } from '../testing/docker-project';
import { sshEngineUnavailable, startSshEngine, type SshEngine } from '../testing/ssh-engine';
import { BUSYBOX_IMAGE, dockerCliServerVersion } from '../testing/test-images';
import { topology } from '../testing/topologies';
import { runCli } from './program';

/*
 * A real SSH engine endpoint: OpenSSH's sshd on 127.0.0.1 with keys made here, an ssh-agent
 * holding the authorized key, and `docker system dial-stdio` on the far side. The connection goes
 * through ssh2's pure-JavaScript path (its native part is not built: no install scripts).
 */

const unavailable = sshEngineUnavailable();
const neverStops = { staticDir: '/nonexistent', untilStopped: () => new Promise(() => {}) };
const dir = mkdtempSync(path.join(tmpdir(), 'dw-remote-ssh-'));
const home = path.join(dir, 'home');
const knownHosts = path.join(home, '.ssh', 'known_hosts');
const docker = testDocker();
const project = testProjectName('dwtest-ssh');
let ssh: SshEngine;

const hashed = (name: string) => {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
};

beforeAll(async () => {
  if (unavailable) return;
  ssh = await startSshEngine(path.join(dir, 'sshd'));
  mkdirSync(path.dirname(knownHosts), { recursive: true });
}, 120_000);

afterAll(async () => {
  if (!unavailable)
    await docker.resources.projects.cleanup(project, { stopTimeoutSeconds: 1, volumes: true });
  docker.dispose();
  await ssh?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function shell(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    HOME: home,
    SSH_AUTH_SOCK: ssh.agentSocket,
    ...extra,
  };
  for (const name of [
    'DOCKER_HOST',
    'DOCKER_CONTEXT',
    'DOCKER_CONFIG',
    'DOCKER_CERT_PATH',
    'DOCKER_TLS_VERIFY',
  ])
    delete env[name];
  return env;
}

async function cli(args: string[], env: Record<string, string | undefined>) {
  const { io, stdout, stderr } = captureIo(env, dir);
  const started = performance.now();
  const code = await runCli(args, io, neverStops);
  return { code, stdout: stdout(), stderr: stderr(), ms: performance.now() - started };
}

const entry = (name: string, key: string) => writeFileSync(knownHosts, `${name} ${key}\n`);

describe.skipIf(unavailable !== undefined)(`an SSH engine (${unavailable ?? 'sshd on 127.0.0.1'})`, () => {
  it("goes through ssh2's pure-JavaScript path: its native part is not built here", () => {
    const ssh2 = path.dirname(createRequire(import.meta.url).resolve('ssh2/package.json'));
    expect(existsSync(path.join(ssh2, 'lib', 'protocol', 'crypto', 'build'))).toBe(false);
  });

  it('answers `engine` over ssh:// when known_hosts has its key', async () => {
    entry(`[127.0.0.1]:${ssh.port}`, ssh.hostKey);
    const run = await cli(['engine', '--json', '-H', ssh.host], shell());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      reachable: true,
      host: ssh.host,
      version: dockerCliServerVersion(),
    });
  });

  it('accepts a hashed known_hosts entry too', async () => {
    entry(hashed(`[127.0.0.1]:${ssh.port}`), ssh.hostKey);
    const run = await cli(['engine', '-H', ssh.host], shell());
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`Engine:      ${ssh.host}\n`);
  });

  it('refuses a changed host key, fast and plainly', async () => {
    entry(`[127.0.0.1]:${ssh.port}`, ssh.otherHostKey);
    const run = await cli(['engine', '-H', ssh.host], shell());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^The SSH host key of 127\\.0\\.0\\.1:${ssh.port} has CHANGED: it presented ssh-ed25519 SHA256:\\S+, which is not the key in .*known_hosts line 1\\.`,
      ),
    );
    expect(run.ms).toBeLessThan(8_000);
  });

  it('refuses an unknown host, fast and plainly', async () => {
    writeFileSync(knownHosts, '');
    const run = await cli(['engine', '-H', ssh.host], shell());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^The SSH host key of 127\\.0\\.0\\.1:${ssh.port} is unknown: ssh-ed25519 SHA256:\\S+ is not in `,
      ),
    );
    expect(run.ms).toBeLessThan(8_000);
  });

  it('says the login was refused without an agent', async () => {
    entry(`[127.0.0.1]:${ssh.port}`, ssh.hostKey);
    const env = shell();
    delete env.SSH_AUTH_SOCK;
    const run = await cli(['engine', '-H', ssh.host], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `The SSH server at 127.0.0.1:${ssh.port} refused the login as ${ssh.user}: no SSH agent`,
    );
    expect(run.ms).toBeLessThan(8_000);
  });

  it('reaches it through a docker context, with the engine test of the Settings page', async () => {
    entry(`[127.0.0.1]:${ssh.port}`, ssh.hostKey);
    const id = createHash('sha256').update('box').digest('hex');
    const meta = path.join(home, '.docker', 'contexts', 'meta', id);
    mkdirSync(meta, { recursive: true });
    writeFileSync(
      path.join(meta, 'meta.json'),
      JSON.stringify({
        Name: 'box',
        Metadata: {},
        Endpoints: { docker: { Host: ssh.host, SkipTLSVerify: false } },
      }),
    );
    const result = await testEngine({ context: 'box' }, shell());
    expect(result).toMatchObject({ ok: true, host: ssh.host, version: dockerCliServerVersion() });
  });

  it('runs `up` and `down` over it', async () => {
    entry(`[127.0.0.1]:${ssh.port}`, ssh.hostKey);
    const file = path.join(dir, `${project}.yaml`);
    writeFileSync(
      file,
      JSON.stringify(
        topology(project, { box: { kind: 'service', image: BUSYBOX_IMAGE, command: ['sleep', '3600'] } }),
      ),
    );
    const args = ['--data-dir', path.join(dir, 'data'), '-H', ssh.host];
    const up = await cli(['up', file, ...args], shell());
    expect(up.stderr).toBe('');
    expect(up.stdout).toContain('Run succeeded');
    expect((await docker.engine.client.inspectContainer(`${project}-box`)).State.Running).toBe(true);
    const down = await cli(['down', file, ...args], shell());
    expect(down.code).toBe(0);
    expect(await docker.leftovers(project)).toBe(0);
  }, 180_000);
});
