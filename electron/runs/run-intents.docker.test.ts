import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../common/logger';
import { testDocker, testProjectName } from '../testing/docker-project';
import { BUSYBOX_IMAGE } from '../testing/test-images';
import { topology } from '../testing/topologies';
import { RunService } from './run-service';

const docker = testDocker();
const dataDir = mkdtempSync(path.join(tmpdir(), 'dw-intents-'));
const projects: string[] = [];
const services: RunService[] = [];

function runService(): RunService {
  const runs = new RunService({ resources: docker.resources, dataDir, logger: silentLogger, env: {} });
  services.push(runs);
  return runs;
}

/** Two services and a job that keeps the run in progress for a few seconds. */
function slow(project: string, seconds = '3') {
  return topology(project, {
    a: { kind: 'service', image: BUSYBOX_IMAGE, command: ['sleep', '600'] },
    b: { kind: 'service', image: BUSYBOX_IMAGE, command: ['sleep', '600'] },
    job: { kind: 'job', image: BUSYBOX_IMAGE, command: ['sleep', seconds] },
  });
}

afterEach(async () => {
  for (const runs of services.splice(0)) await runs.dispose();
  for (const project of projects.splice(0)) {
    await docker.resources.projects.cleanup(project, { stopTimeoutSeconds: 1, volumes: true });
    expect(await docker.leftovers(project)).toBe(0);
  }
});

afterAll(() => {
  docker.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('one intent, one run, on the real engine', () => {
  it('duplicates that arrive together get one run, and one container per service', async () => {
    const project = testProjectName('dwtest-intent');
    projects.push(project);
    const runs = runService();
    const request = { topology: slow(project), idempotencyKey: `k-${project}` };
    const [a, b, c] = await Promise.all([runs.start(request), runs.start(request), runs.start(request)]);
    expect(new Set([a.runId, b.runId, c.runId]).size).toBe(1);
    // A duplicate of the run in progress gets that run, as it is now.
    const again = await runs.start(request);
    expect(again).toMatchObject({ runId: a.runId, state: 'running' });
    expect((await runs.wait(a.runId)).state).toBe('succeeded');
    expect((await runs.list()).filter((run) => run.project === project)).toHaveLength(1);
    const names = (await docker.resources.projects.list(project)).containers.map((c) => c.name).sort();
    expect(names).toEqual([`${project}-a`, `${project}-b`, `${project}-job`]);
  });

  it('refuses a key reused with another request, in progress and after a restart', async () => {
    const project = testProjectName('dwtest-intent');
    projects.push(project);
    const runs = runService();
    const key = `k-${project}`;
    const first = await runs.start({ topology: slow(project), idempotencyKey: key });
    await expect(runs.start({ topology: slow(project, '4'), idempotencyKey: key })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
      details: { idempotencyKey: key, runId: first.runId },
    });
    // Another key for the running project: the in-process rule, at once.
    await expect(runs.start({ topology: slow(project), idempotencyKey: `${key}-2` })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await runs.wait(first.runId)).state).toBe('succeeded');
    await runs.dispose();

    // A new process on the same data dir knows the key: the same request gets the same run.
    const restarted = runService();
    expect(await restarted.start({ topology: slow(project), idempotencyKey: key })).toMatchObject({
      runId: first.runId,
      state: 'succeeded',
    });
    await expect(
      restarted.start({ topology: slow(project, '4'), idempotencyKey: key }),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
    });
    // A new key is a new intent: a new run, which converges on the same containers.
    const next = await restarted.start({ topology: slow(project), idempotencyKey: `${key}-3` });
    expect(next.runId).not.toBe(first.runId);
    expect((await restarted.wait(next.runId)).state).toBe('succeeded');
    expect((await docker.resources.projects.list(project)).containers).toHaveLength(3);
  });
});
