import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../common/logger';
import { testDocker, testProjectName } from '../testing/docker-project';
import { BUSYBOX_IMAGE } from '../testing/test-images';
import { topology } from '../testing/topologies';
import { RunService } from './run-service';

const docker = testDocker();
const root = mkdtempSync(path.join(tmpdir(), 'dw-build-context-'));
const projects: string[] = [];
const tags: string[] = [];
const services: RunService[] = [];

function setup() {
  const project = testProjectName('dwtest-ctx');
  projects.push(project);
  tags.push(`${project}-job:latest`);
  const runs = new RunService({
    resources: docker.resources,
    dataDir: path.join(root, 'data'),
    logger: silentLogger,
    env: {},
  });
  services.push(runs);
  const logs: string[] = [];
  runs.onLog((line) => logs.push(line.text));
  return { project, runs, logs };
}

/** A build context whose Dockerfile copies everything it is sent and a job that lists it. */
function context(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nCOPY . /ctx/\n`);
  writeFileSync(path.join(dir, 'app.txt'), 'app\n');
}

const job = (project: string, buildContext: string) =>
  topology(project, {
    job: {
      kind: 'job',
      build: { context: buildContext },
      pullPolicy: 'build',
      command: ['sh', '-c', 'cd /ctx && ls -A && cat * 2>/dev/null; true'],
    },
  });

afterEach(async () => {
  for (const runs of services.splice(0)) await runs.dispose();
  for (const project of projects.splice(0))
    await docker.resources.projects.cleanup(project, { stopTimeoutSeconds: 1, volumes: true });
  for (const tag of tags.splice(0)) spawnSync('docker', ['image', 'rm', '--force', tag], { stdio: 'ignore' });
});

afterAll(() => {
  docker.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('build contexts', () => {
  it('honour .dockerignore and send no link out of the folder', async () => {
    const { project, runs, logs } = setup();
    const folder = path.join(root, project);
    context(folder);
    writeFileSync(path.join(folder, '.dockerignore'), 'secret.txt\n');
    writeFileSync(path.join(folder, 'secret.txt'), 'canary-ignored\n');
    const outside = path.join(root, `${project}-outside.txt`);
    writeFileSync(outside, 'canary-outside\n');
    symlinkSync(outside, path.join(folder, 'link.txt'));
    const started = await runs.start({
      topology: job(project, '.'),
      idempotencyKey: project,
      baseDir: folder,
    });
    const final = await runs.wait(started.runId);
    expect(final.state).toBe('succeeded');
    const output = logs.join('\n');
    expect(output).toContain('app.txt');
    expect(output).not.toContain('secret.txt');
    expect(output).not.toContain('canary-ignored');
    expect(output).not.toContain('canary-outside');
    expect(output).toContain(
      `warning: not sent: link.txt is a symbolic link to ${outside}, outside the build context`,
    );
  });

  it("refuse a context outside the topology's folder unless allowed", async () => {
    const { project, runs } = setup();
    const folder = path.join(root, `${project}-topology`);
    mkdirSync(folder);
    context(path.join(root, `${project}-elsewhere`));
    const outsideContext = `../${project}-elsewhere`;
    const refused = await runs
      .start({ topology: job(project, outsideContext), idempotencyKey: `${project}-1`, baseDir: folder })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(
        `build context ${path.join(root, `${project}-elsewhere`)} is outside the topology's folder`,
      ) as unknown,
    });
    expect(await docker.leftovers(project)).toBe(0);

    const allowed = await runs.start({
      topology: job(project, outsideContext),
      idempotencyKey: `${project}-2`,
      baseDir: folder,
      allowOutsideContext: true,
    });
    expect((await runs.wait(allowed.runId)).state).toBe('succeeded');
  });
});
