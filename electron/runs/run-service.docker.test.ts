import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { NodeRunState } from '../../shared/ipc/contract';
import { silentLogger } from '../common/logger';
import { testDocker, testProjectName } from '../testing/docker-project';
import { BUSYBOX_IMAGE, HTTP_IMAGE } from '../testing/test-images';
import { diamond, topology } from '../testing/topologies';
import { DockerEngine } from '../docker/docker-engine';
import { DockerResources } from '../docker/docker-resources';
import { engineRelay } from '../testing/engine-relay';
import { RunService } from './run-service';

const docker = testDocker();
const dataDir = mkdtempSync(path.join(tmpdir(), 'dw-runs-'));
const projects: string[] = [];
const services: RunService[] = [];

function setup() {
  const project = testProjectName('dwtest-run');
  projects.push(project);
  const runs = new RunService({ resources: docker.resources, dataDir, logger: silentLogger, env: {} });
  services.push(runs);
  const events: Array<NodeRunState & { runId: string }> = [];
  const logs: string[] = [];
  runs.onNode((event) => events.push(event));
  runs.onLog((line) => logs.push(`${line.nodeId}: ${line.text}`));
  const statesOf = (nodeId: string) => events.filter((e) => e.nodeId === nodeId).map((e) => e.state);
  return { project, runs, events, logs, statesOf };
}

afterEach(async () => {
  for (const runs of services.splice(0)) await runs.dispose();
  for (const project of projects.splice(0)) {
    await docker.resources.projects.cleanup(project, { stopTimeoutSeconds: 1, volumes: true });
    // After every test, nothing labeled by it is left behind.
    expect(await docker.leftovers(project)).toBe(0);
  }
});

afterAll(() => {
  docker.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('RunService on the real engine', () => {
  it('runs a diamond of healthy services and a job in dependency order', async () => {
    const { project, runs, statesOf, events, logs } = setup();
    const started = await runs.start({ topology: diamond(project), idempotencyKey: `k-${project}` });
    const final = await runs.wait(started.runId);
    expect(final.state).toBe('succeeded');
    expect(final.nodes.api?.state).toBe('healthy');
    expect(final.nodes.migrate?.state).toBe('completed');
    expect(statesOf('migrate')).toEqual(['running', 'completed']);
    expect(logs).toContain('migrate: migrated');
    // Order: api becomes healthy only after cache is healthy and migrate completed.
    const when = (nodeId: string, state: string) =>
      events.findIndex((e) => e.nodeId === nodeId && e.state === state);
    expect(when('db', 'healthy')).toBeLessThan(when('cache', 'starting'));
    expect(when('db', 'healthy')).toBeLessThan(when('migrate', 'running'));
    expect(when('migrate', 'completed')).toBeLessThan(when('api', 'starting'));
    expect(when('cache', 'healthy')).toBeLessThan(when('api', 'starting'));
    const resources = await docker.resources.projects.list(project);
    expect(resources.containers.map((c) => c.name).sort()).toEqual(
      [`${project}-api`, `${project}-cache`, `${project}-db`, `${project}-migrate`].sort(),
    );
  });

  it('returns the same run for the same idempotency key, and up twice duplicates and restarts nothing', async () => {
    const { project, runs } = setup();
    const spec = diamond(project);
    const first = await runs.start({ topology: spec, idempotencyKey: `same-${project}` });
    const again = await runs.start({ topology: spec, idempotencyKey: `same-${project}` });
    expect(again.runId).toBe(first.runId);
    expect((await runs.wait(first.runId)).state).toBe('succeeded');
    const before = await docker.resources.projects.list(project);

    const second = await runs.start({ topology: spec, idempotencyKey: `second-${project}` });
    const final = await runs.wait(second.runId);
    expect(final.state).toBe('succeeded');
    const after = await docker.resources.projects.list(project);
    expect(after.containers.map((c) => c.id).sort()).toEqual(before.containers.map((c) => c.id).sort());
    expect(after.networks.map((n) => n.id)).toEqual(before.networks.map((n) => n.id));
    for (const nodeId of ['db', 'cache', 'api', 'migrate', 'net', 'data'])
      expect(final.nodes[nodeId]?.action).toBe('reused');
  });

  it('retries a job that fails twice, with growing delays, until it succeeds', async () => {
    const { project, runs, events } = setup();
    // The job keeps a counter in a volume: it fails on its first two attempts.
    const spec = topology(project, {
      state: { kind: 'volume' },
      flaky: {
        kind: 'job',
        image: BUSYBOX_IMAGE,
        mounts: [{ type: 'volume', source: 'state', target: '/state' }],
        command: [
          'sh',
          '-c',
          'n=$(cat /state/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /state/n; echo attempt $n; [ $n -ge 3 ]',
        ],
        retry: { maxAttempts: 4, backoff: { initial: '200ms', multiplier: 3, jitter: 0 } },
      },
    });
    const final = await runs.wait(
      (await runs.start({ topology: spec, idempotencyKey: `k-${project}` })).runId,
    );
    expect(final.state).toBe('succeeded');
    const retries = events.filter((e) => e.nodeId === 'flaky' && e.state === 'retrying');
    expect(retries.map((e) => e.attempt)).toEqual([1, 2]);
    expect(retries.every((e) => e.maxAttempts === 4)).toBe(true);
    const [d1, d2] = retries.map((e) => e.delayMs ?? 0);
    expect(d2!).toBeGreaterThan(d1!);
    expect(final.nodes.flaky?.state).toBe('completed');
  });

  it('fails a job that hangs past its timeout, killing its container', async () => {
    const { project, runs } = setup();
    const spec = topology(project, {
      hang: { kind: 'job', image: BUSYBOX_IMAGE, command: ['sleep', '600'], timeout: '1s' },
      after: {
        kind: 'job',
        image: BUSYBOX_IMAGE,
        command: ['true'],
        dependsOn: [{ node: 'hang', condition: 'completed' }],
      },
    });
    const startedAt = Date.now();
    const final = await runs.wait(
      (await runs.start({ topology: spec, idempotencyKey: `k-${project}` })).runId,
    );
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    expect(final.state).toBe('failed');
    expect(final.nodes.hang).toMatchObject({ state: 'failed', error: { kind: 'timeout' } });
    expect(final.nodes.after).toMatchObject({ state: 'skipped' });
    expect(final.nodes.after?.reason).toContain('hang');
    // The kill was sent when the attempt timed out; the container is down moments later.
    await expect
      .poll(
        async () =>
          (await docker.resources.projects.list(project)).containers.find((c) => c.node === 'hang')?.state,
        {
          timeout: 10_000,
        },
      )
      .toBe('exited');
  });

  it('reports a job killed for lack of memory as such', async () => {
    const { project, runs } = setup();
    const spec = topology(project, {
      hungry: {
        kind: 'job',
        image: BUSYBOX_IMAGE,
        command: ['sh', '-c', 'x=$(head -c 30000000 /dev/zero | tr "\\0" a); echo ${#x}'],
        resources: { limits: { memory: '8m' } },
      },
    });
    const final = await runs.wait(
      (await runs.start({ topology: spec, idempotencyKey: `k-${project}` })).runId,
    );
    expect(final.state).toBe('failed');
    expect(final.nodes.hungry?.error?.message).toMatch(/out of memory/);
  });

  it('reports a missing image as a clear per-node error and skips its dependents only', async () => {
    const { project, runs } = setup();
    const spec = topology(project, {
      // `never`: no pull is attempted, so the test sends nothing off this machine.
      ghost: { kind: 'service', image: 'dockwright-test/does-not-exist:1', pullPolicy: 'never' },
      needsGhost: {
        kind: 'service',
        image: BUSYBOX_IMAGE,
        command: ['sleep', '600'],
        dependsOn: [{ node: 'ghost', condition: 'started' }],
      },
      independent: { kind: 'service', image: BUSYBOX_IMAGE, command: ['sleep', '600'] },
    });
    const final = await runs.wait(
      (await runs.start({ topology: spec, idempotencyKey: `k-${project}` })).runId,
    );
    expect(final.state).toBe('failed');
    expect(final.nodes.ghost?.error?.message).toBe(
      'image dockwright-test/does-not-exist:1 not found locally; build or pull it',
    );
    expect(final.nodes.needsGhost?.state).toBe('skipped');
    expect(final.nodes.independent?.state).toBe('running');
  });

  it('builds an image from a build context, showing the build output, when it is missing', async () => {
    const { project, runs, logs } = setup();
    const contextDir = mkdtempSync(path.join(tmpdir(), 'dw-build-'));
    writeFileSync(
      path.join(contextDir, 'Dockerfile'),
      `FROM ${BUSYBOX_IMAGE}\nCOPY hello.txt /hello.txt\nCMD ["sh", "-c", "cat /hello.txt; sleep 600"]\n`,
    );
    writeFileSync(path.join(contextDir, 'hello.txt'), 'hello from the build context\n');
    const tag = `${project}-app:latest`;
    try {
      const spec = topology(project, {
        app: { kind: 'service', build: { context: '.' }, pullPolicy: 'never' },
      });
      const final = await runs.wait(
        (await runs.start({ topology: spec, idempotencyKey: `k-${project}`, baseDir: contextDir })).runId,
      );
      expect(final.state).toBe('succeeded');
      expect(logs.some((line) => line.startsWith('app: building') && line.includes(tag))).toBe(true);
      expect(logs.some((line) => /Step 2\/3 : COPY hello.txt/.test(line))).toBe(true);
      expect(await docker.resources.images.exists(tag)).toBe(true);
    } finally {
      rmSync(contextDir, { recursive: true, force: true });
      await docker.resources.projects.cleanup(project, { stopTimeoutSeconds: 1, volumes: true });
      spawnSync('docker', ['image', 'rm', '--force', tag], { stdio: 'ignore' });
    }
  });

  it('reports a host port that is already in use', async () => {
    const { project, runs } = setup();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const spec = topology(project, {
        web: {
          kind: 'service',
          image: HTTP_IMAGE,
          ports: [{ target: 8080, published: port, hostIp: '127.0.0.1' }],
        },
      });
      const final = await runs.wait(
        (await runs.start({ topology: spec, idempotencyKey: `k-${project}` })).runId,
      );
      expect(final.state).toBe('failed');
      expect(final.nodes.web?.error?.message).toContain(`port ${port}`);
    } finally {
      blocker.close();
    }
  });

  it('cancels a run in the middle: what runs stops, nothing new starts', async () => {
    const { project, runs } = setup();
    const spec = topology(project, {
      slow: { kind: 'job', image: BUSYBOX_IMAGE, command: ['sleep', '600'] },
      later: {
        kind: 'service',
        image: BUSYBOX_IMAGE,
        command: ['sleep', '600'],
        dependsOn: [{ node: 'slow', condition: 'completed' }],
      },
    });
    const started = await runs.start({ topology: spec, idempotencyKey: `k-${project}` });
    await expect
      .poll(async () => (await runs.get(started.runId)).nodes.slow?.state, { timeout: 10_000 })
      .toBe('running');
    const final = await runs.cancel(started.runId);
    expect(final.state).toBe('cancelled');
    expect(final.nodes.later?.state).toMatch(/cancelled|skipped/);
    const containers = (await docker.resources.projects.list(project)).containers;
    // `later` may have been made ahead of its start (created, never started); at most `slow` ran.
    const ran = containers.filter((c) => c.state !== 'created').map((c) => c.name);
    expect(ran.every((name) => name === `${project}-slow`)).toBe(true);
    expect(containers.find((c) => c.name === `${project}-later`)?.state ?? 'created').toBe('created');
    // Stopped before or after it started: either way, nothing of the run is still running.
    expect(containers.some((c) => c.state === 'running')).toBe(false);
  });

  it('fails cleanly, without hanging, when the engine goes away mid-run', async () => {
    const project = testProjectName('dwtest-run');
    projects.push(project);
    const relay = engineRelay();
    await relay.up();
    const engine = new DockerEngine({ logger: silentLogger, host: relay.host });
    const runs = new RunService({
      resources: new DockerResources(engine),
      dataDir,
      logger: silentLogger,
      env: {},
    });
    services.push(runs);
    try {
      const spec = topology(project, {
        long: { kind: 'job', image: BUSYBOX_IMAGE, command: ['sleep', '600'] },
      });
      const started = await runs.start({ topology: spec, idempotencyKey: `k-${project}` });
      await expect
        .poll(
          async () =>
            (await docker.resources.projects.list(project)).containers.find((c) => c.node === 'long')?.state,
          {
            timeout: 10_000,
          },
        )
        .toBe('running');
      await relay.down();
      const final = await runs.wait(started.runId);
      expect(final.state).toBe('failed');
      expect(final.nodes.long?.error?.message).toMatch(/not reachable|connection/);
    } finally {
      engine.dispose();
      await relay.dispose();
    }
  });

  it('refuses a topology with errors, saying why', async () => {
    const { project, runs } = setup();
    const spec = topology(project, {
      a: { kind: 'service', image: BUSYBOX_IMAGE, dependsOn: [{ node: 'b', condition: 'started' }] },
      b: { kind: 'service', image: BUSYBOX_IMAGE, dependsOn: [{ node: 'a', condition: 'started' }] },
    });
    await expect(runs.start({ topology: spec, idempotencyKey: `k-${project}` })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
