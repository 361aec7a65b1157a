import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/program';
import { captureIo } from '../testing/capture-io';
import { testDocker, testProjectName } from '../testing/docker-project';
import { BUSYBOX_IMAGE, HTTP_IMAGE } from '../testing/test-images';

/*
 * Fields docker-compose 1.29 lacks (or ignores outside a Swarm), applied with Compose 2.x
 * semantics; and what a run refuses before it creates anything.
 */

const work = mkdtempSync(path.join(tmpdir(), 'dw-v2fields-'));
const docker = testDocker();
const projects: string[] = [];
const never = { staticDir: '/nonexistent', untilStopped: () => new Promise(() => {}) };
afterAll(async () => {
  for (const project of projects)
    await docker.resources.projects.cleanup(project, { stopTimeoutSeconds: 1, volumes: true });
  docker.dispose();
  rmSync(work, { recursive: true, force: true });
});

const exec = (container: string, script: string) =>
  execFileSync('docker', ['exec', container, 'sh', '-c', script], { encoding: 'utf8' }).trim();

async function up(compose: string, args: string[] = [], env: Record<string, string> = {}) {
  const project = testProjectName('dwv2');
  projects.push(project);
  const dir = mkdtempSync(path.join(work, 'p-'));
  writeFileSync(path.join(dir, 'compose.yaml'), compose);
  const io = captureIo({ ...process.env, IMAGE: BUSYBOX_IMAGE, HTTP_IMAGE, ...env }, dir);
  const code = await runCli(
    ['up', 'compose.yaml', '-p', project, '--data-dir', path.join(dir, '.data'), ...args],
    io.io,
    never,
  );
  return { project, dir, code, out: io.stdout(), err: io.stderr() };
}

describe('Compose 2.x fields', () => {
  it('puts configs at /<name> or their target, and copies environment and inline sources with uid, gid and mode', async () => {
    const result = await up(
      `services:
  app:
    image: \${IMAGE}
    init: true
    command: sleep 600
    secrets:
      - source: token
        uid: '65534'
        gid: '65534'
        mode: 0400
    configs:
      - settings
      - source: inline
        target: /etc/app/inline.conf
configs:
  settings:
    file: ./settings.ini
  inline:
    content: |
      answer = 42
secrets:
  token:
    environment: API_TOKEN
`,
      [],
      { API_TOKEN: 'tok-7' },
    ).catch((error: unknown) => {
      throw error;
    });
    // settings.ini did not exist: the preflight refused the run.
    expect(result.code).toBe(1);
    expect(result.err + result.out).toContain('config file ./settings.ini does not exist');
    expect(await docker.leftovers(result.project)).toBe(0);

    writeFileSync(path.join(result.dir, 'settings.ini'), 'mode=v2\n');
    const io = captureIo({ ...process.env, IMAGE: BUSYBOX_IMAGE, API_TOKEN: 'tok-7' }, result.dir);
    const code = await runCli(
      ['up', 'compose.yaml', '-p', result.project, '--data-dir', path.join(result.dir, '.data')],
      io.io,
      never,
    );
    expect(code, io.stdout() + io.stderr()).toBe(0);
    const container = `${result.project}-app`;
    expect(exec(container, 'cat /settings')).toBe('mode=v2');
    expect(exec(container, 'stat -c "%a %u:%g" /run/secrets/token && cat /run/secrets/token')).toBe(
      '400 65534:65534\ntok-7',
    );
    expect(exec(container, 'stat -c "%a %u:%g" /etc/app/inline.conf && cat /etc/app/inline.conf')).toBe(
      '444 0:0\nanswer = 42',
    );
  });

  it('starts a dependent whose optional dependency fails (required: false), and skips one whose required dependency fails', async () => {
    const result = await up(`services:
  broken:
    image: \${IMAGE}
    command: sh -c 'exit 3'
  optional:
    image: \${IMAGE}
    init: true
    command: sleep 600
    depends_on:
      broken:
        condition: service_completed_successfully
        required: false
  strict:
    image: \${IMAGE}
    init: true
    command: sleep 600
    depends_on:
      broken:
        condition: service_completed_successfully
`);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/optional\s+running/);
    expect(result.out).toMatch(/strict\s+skipped\s+dependency 'broken' failed/);
  });

  it('restarts a dependent when its dependency was recreated (restart: true)', async () => {
    const compose = (marker: string) => `services:
  db:
    image: \${IMAGE}
    init: true
    command: sleep 600
    environment:
      MARKER: ${marker}
  api:
    image: \${IMAGE}
    init: true
    command: sleep 600
    depends_on:
      db:
        condition: service_started
        restart: true
`;
    const first = await up(compose('one'));
    expect(first.code, first.out).toBe(0);
    const api = `${first.project}-api`;
    const startedAt = () =>
      execFileSync('docker', ['inspect', '-f', '{{.State.StartedAt}}', api], { encoding: 'utf8' }).trim();
    const before = startedAt();
    writeFileSync(path.join(first.dir, 'compose.yaml'), compose('two'));
    const io = captureIo({ ...process.env, IMAGE: BUSYBOX_IMAGE }, first.dir);
    expect(
      await runCli(
        ['up', 'compose.yaml', '-p', first.project, '--data-dir', path.join(first.dir, '.data')],
        io.io,
        never,
      ),
    ).toBe(0);
    expect(io.stdout()).toContain(`restarting ${api}: db was recreated`);
    expect(startedAt()).not.toBe(before);
  });

  it('runs profiled services only with their profile (--profile, COMPOSE_PROFILES)', async () => {
    const compose = `services:
  app:
    image: \${IMAGE}
    init: true
    command: sleep 600
  debug:
    image: \${IMAGE}
    init: true
    command: sleep 600
    profiles: [debug]
`;
    const plain = await up(compose);
    expect(plain.code).toBe(0);
    expect((await docker.resources.projects.list(plain.project)).containers.map((c) => c.node)).toEqual([
      'app',
    ]);
    const withProfile = await up(compose, ['--profile', 'debug']);
    expect(
      (await docker.resources.projects.list(withProfile.project)).containers.map((c) => c.node).sort(),
    ).toEqual(['app', 'debug']);
    const fromEnv = await up(compose, [], { COMPOSE_PROFILES: 'debug' });
    expect((await docker.resources.projects.list(fromEnv.project)).containers).toHaveLength(2);
  });
});

describe('refused before anything starts', () => {
  it('refuses a field this engine cannot apply, naming the node and the field', async () => {
    const result = await up(`services:
  app:
    image: \${IMAGE}
    command: sleep 600
    runtime: no-such-runtime
`);
    expect(result.code).toBe(1);
    expect(result.err + result.out).toContain(
      '"app": runtime "no-such-runtime" cannot be applied: this engine has only',
    );
    expect(await docker.leftovers(result.project)).toBe(0);
  });

  it('creates a missing bind source folder with a warning, and refuses one with create_host_path: false', async () => {
    const created = await up(`services:
  app:
    image: \${IMAGE}
    init: true
    command: sleep 600
    volumes:
      - ./made-for-you:/data
`);
    expect(created.code, created.out).toBe(0);
    expect(existsSync(path.join(created.dir, 'made-for-you'))).toBe(true);
    expect(created.out).toContain('warning: "app": bind source');
    const strict = await up(`services:
  app:
    image: \${IMAGE}
    command: sleep 600
    volumes:
      - type: bind
        source: ./absent
        target: /data
        bind:
          create_host_path: false
`);
    expect(strict.code).toBe(1);
    expect(strict.err + strict.out).toContain('bind source ./absent does not exist');
    expect(await docker.leftovers(strict.project)).toBe(0);
  });
});

describe('every wait has an end', () => {
  it('fails a job attempt past its timeout, saying what was awaited and for how long', async () => {
    const result = await up(`services:
  slow:
    image: \${IMAGE}
    init: true
    command: sleep 600
    x-dockwright:
      kind: job
      timeout: 2s
`);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /slow\s+failed\s+gave up waiting for "slow" to finish after 2 s \(its `timeout`\)/,
    );
  });
});
