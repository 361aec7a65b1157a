import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BUSYBOX_IMAGE, HTTP_IMAGE } from '../testing/test-images';
import { testDocker, testProjectName } from '../testing/docker-project';
import { LABELS, resourceName } from './labels';

const docker = testDocker();
const projects: string[] = [];

function project(): string {
  const name = testProjectName('dwtest-res');
  projects.push(name);
  return name;
}

const labelsFor = (p: string, node: string, wave = 0, run = 'run-1') => ({
  [LABELS.project]: p,
  [LABELS.node]: node,
  [LABELS.run]: run,
  [LABELS.wave]: String(wave),
});

afterEach(async () => {
  for (const p of projects.splice(0)) {
    await docker.resources.projects.cleanup(p, { stopTimeoutSeconds: 1, volumes: true });
    expect(await docker.leftovers(p)).toBe(0);
  }
});
afterAll(() => docker.dispose());

describe('DockerResources', () => {
  it('creates, reuses an identical, and recreates a changed container; a new run id alone changes nothing', async () => {
    const p = project();
    const name = resourceName(p, 'app');
    const options = { Image: BUSYBOX_IMAGE, Cmd: ['sleep', '300'], HostConfig: { Init: true } };
    const first = await docker.resources.converge.ensureContainer(name, options, labelsFor(p, 'app'));
    expect(first.action).toBe('created');
    const again = await docker.resources.converge.ensureContainer(
      name,
      options,
      labelsFor(p, 'app', 0, 'run-2'),
    );
    expect(again).toMatchObject({ action: 'reused', id: first.id });
    const changed = await docker.resources.converge.ensureContainer(
      name,
      { ...options, Cmd: ['sleep', '301'] },
      labelsFor(p, 'app'),
      { stopTimeoutSeconds: 1 },
    );
    expect(changed.action).toBe('recreated');
    expect(changed.id).not.toBe(first.id);
    const listed = await docker.resources.projects.list(p);
    expect(listed.containers.map((c) => c.name)).toEqual([name]);
  });

  it('ensures networks and volumes idempotently, and keeps a volume whose settings changed', async () => {
    const p = project();
    const net = await docker.resources.converge.ensureNetwork(
      resourceName(p, 'backend'),
      { Driver: 'bridge' },
      labelsFor(p, 'backend'),
    );
    expect(net.action).toBe('created');
    expect(
      (
        await docker.resources.converge.ensureNetwork(
          resourceName(p, 'backend'),
          { Driver: 'bridge' },
          labelsFor(p, 'backend'),
        )
      ).action,
    ).toBe('reused');
    const vol = await docker.resources.converge.ensureVolume(
      resourceName(p, 'data'),
      { Driver: 'local' },
      labelsFor(p, 'data'),
    );
    expect(vol.action).toBe('created');
    const changed = await docker.resources.converge.ensureVolume(
      resourceName(p, 'data'),
      { Driver: 'local', DriverOpts: { type: 'tmpfs', device: 'tmpfs' } },
      labelsFor(p, 'data'),
    );
    expect(changed.action).toBe('reused');
    expect(changed.warning).toMatch(/kept as is/);
  });

  it('waits for a healthcheck to pass, from the engine events', async () => {
    const p = project();
    const web = await docker.resources.converge.ensureContainer(
      resourceName(p, 'web'),
      { Image: HTTP_IMAGE },
      labelsFor(p, 'web'),
    );
    await docker.resources.containers.start(web.id);
    const started = Date.now();
    await docker.resources.waits.healthy(web.id, new AbortController().signal);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await docker.resources.containers.isRunning(web.id)).toBe(true);
  });

  it('fails the health wait when the container exits first', async () => {
    const p = project();
    const c = await docker.resources.converge.ensureContainer(
      resourceName(p, 'dies'),
      { Image: HTTP_IMAGE, Cmd: ['sh', '-c', 'exit 3'] },
      labelsFor(p, 'dies'),
    );
    await docker.resources.containers.start(c.id);
    await expect(docker.resources.waits.healthy(c.id, new AbortController().signal)).rejects.toThrow(
      /exited with code 3/,
    );
  });

  it('reports exit codes, and kills the container when the wait is aborted', async () => {
    const p = project();
    const job = await docker.resources.converge.ensureContainer(
      resourceName(p, 'job'),
      { Image: BUSYBOX_IMAGE, Cmd: ['sh', '-c', 'exit 7'] },
      labelsFor(p, 'job'),
    );
    await docker.resources.containers.start(job.id);
    await expect(docker.resources.waits.exit(job.id, new AbortController().signal)).resolves.toEqual({
      exitCode: 7,
      oomKilled: false,
    });

    const hang = await docker.resources.converge.ensureContainer(
      resourceName(p, 'hang'),
      { Image: BUSYBOX_IMAGE, Cmd: ['sleep', '600'] },
      labelsFor(p, 'hang'),
    );
    await docker.resources.containers.start(hang.id);
    const controller = new AbortController();
    const waiting = docker.resources.waits.exit(hang.id, controller.signal);
    controller.abort();
    const result = await waiting;
    expect(result.exitCode).toBe(137);
  });

  it('cleans up a project by label, containers wave by wave, then networks; volumes only when asked', async () => {
    const p = project();
    const net = await docker.resources.converge.ensureNetwork(
      resourceName(p, 'n'),
      { Driver: 'bridge' },
      labelsFor(p, 'n'),
    );
    await docker.resources.converge.ensureVolume(resourceName(p, 'v'), {}, labelsFor(p, 'v'));
    for (const [node, wave] of [
      ['a', 1],
      ['b', 2],
      ['c', 2],
    ] as const) {
      const c = await docker.resources.converge.ensureContainer(
        resourceName(p, node),
        {
          Image: BUSYBOX_IMAGE,
          Cmd: ['sleep', '600'],
          HostConfig: {
            Init: true,
            NetworkMode: net.name,
            Mounts: [{ Type: 'volume', Source: resourceName(p, 'v'), Target: '/data' }],
          },
        },
        labelsFor(p, node, wave),
      );
      await docker.resources.containers.start(c.id);
    }
    expect(await docker.resources.projects.projects()).toContain(p);
    const started = Date.now();
    const report = await docker.resources.projects.cleanup(p);
    expect(report).toEqual({
      containers: 3,
      networks: 1,
      volumes: 0,
      volumesKept: [resourceName(p, 'v')],
      errors: [],
    });
    // With an init process, SIGTERM ends `sleep` at once: no 10 s stop timeout is waited out.
    expect(Date.now() - started).toBeLessThan(8_000);
    // The named volume keeps its data (Compose semantics) until a cleanup asks for volumes.
    expect(await docker.leftovers(p)).toBe(1);
    expect((await docker.resources.projects.volumes(p)).map((v) => v.name)).toEqual([resourceName(p, 'v')]);
    const again = await docker.resources.projects.cleanup(p, { volumes: true });
    expect(again).toEqual({ containers: 0, networks: 0, volumes: 1, volumesKept: [], errors: [] });
    expect(await docker.leftovers(p)).toBe(0);
  });
});
