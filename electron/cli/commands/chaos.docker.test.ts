import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../testing/capture-io';
import { testDocker, testProjectName } from '../../testing/docker-project';
import { HTTP_IMAGE } from '../../testing/test-images';
import { topology } from '../../testing/topologies';
import { runCli } from '../program';

const docker = testDocker();
const dir = mkdtempSync(path.join(tmpdir(), 'dw-cli-health-'));
const dataDir = path.join(dir, 'data');
const projects: string[] = [];
const neverStops = { staticDir: '/nonexistent', untilStopped: () => new Promise(() => {}) };

afterAll(async () => {
  for (const project of projects)
    await docker.resources.projects.cleanup(project, { stopTimeoutSeconds: 1, volumes: true });
  docker.dispose();
  rmSync(dir, { recursive: true, force: true });
});

type Line = {
  type: string;
  nodeId?: string;
  state?: string;
  result?: string;
  runId?: string;
  text?: string;
};
const linesOf = (text: string): Line[] =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Line);

describe('dockwright up --watch and chaos kill', () => {
  it('stays up printing health as JSON lines, heals a killed node, and stops cleanly on Ctrl-C', async () => {
    const project = testProjectName('dwtest-cli-h');
    projects.push(project);
    // A node id no other test uses, so `chaos kill` finds its project without -p.
    const node = `svc${randomBytes(3).toString('hex')}`;
    const file = path.join(dir, `${project}.yaml`);
    writeFileSync(
      file,
      JSON.stringify(
        topology(project, {
          [node]: {
            kind: 'service',
            image: HTTP_IMAGE,
            // Says when it boots: its output after the monitor's restart must reach the watch too.
            command: ['sh', '-c', 'echo "boot $(date +%s%N)"; exec httpd -f -p 8080 -h /www'],
            healthcheck: {
              test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1'],
              interval: '1s',
              retries: 1,
            },
          },
        }),
      ),
    );
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const up = captureIo();
    const running = runCli(['up', file, '--watch', '--json', '--data-dir', dataDir], up.io, {
      staticDir: '/nonexistent',
      untilStopped: () => stopped,
    });
    try {
      const health = () => linesOf(up.stdout()).filter((l) => l.type === 'health' || l.type === 'recovery');
      await expect.poll(() => health().some((l) => l.state === 'healthy'), { timeout: 30_000 }).toBe(true);
      expect(linesOf(up.stdout()).find((l) => l.type === 'run')?.state).toBe('succeeded');

      const chaos = captureIo();
      expect(await runCli(['chaos', 'kill', node, '--data-dir', dataDir], chaos.io, neverStops)).toBe(0);
      expect(chaos.stdout()).toBe(`Killed ${node} of ${project} (${project}-${node}) with SIGKILL\n`);

      await expect
        .poll(
          () =>
            health()
              .filter((l) => l.type === 'recovery')
              .map((l) => l.result),
          { timeout: 15_000 },
        )
        .toEqual(['started', 'recovered']);
      expect(health().map((l) => l.state ?? l.result)).toEqual([
        'healthy',
        'unhealthy',
        'started',
        'starting',
        'healthy',
        'recovered',
      ]);
      // The restarted container's output is followed again (the engine ended the first follow
      // when it was killed): two boots, each told once.
      const boots = () =>
        linesOf(up.stdout()).filter(
          (l) => l.type === 'log' && l.nodeId === node && l.text?.startsWith('boot '),
        );
      await expect.poll(() => boots().length, { timeout: 10_000 }).toBe(2);
      expect(new Set(boots().map((l) => l.text)).size).toBe(2);
    } finally {
      stop();
    }
    expect(await running).toBe(0);
    const all = linesOf(up.stdout());
    expect(all.at(-1)).toEqual({ type: 'watch', state: 'stopped' });
    // Stopping the watch leaves the services running.
    expect((await docker.engine.client.inspectContainer(`${project}-${node}`)).State.Running).toBe(true);
    // The health events are kept in the run's history.
    const runId = all.find((l) => l.type === 'run')!.runId!;
    const records = readFileSync(path.join(dataDir, 'runs', `${runId}.jsonl`), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; state?: string; result?: string });
    expect(records.filter((r) => r.type === 'health').map((r) => r.state)).toEqual([
      'healthy',
      'unhealthy',
      'starting',
      'healthy',
    ]);
    expect(records.filter((r) => r.type === 'recovery').map((r) => r.result)).toEqual([
      'started',
      'recovered',
    ]);

    const gone = captureIo();
    expect(
      await runCli(
        ['chaos', 'kill', 'nosuchnode', '-p', project, '--data-dir', dataDir],
        gone.io,
        neverStops,
      ),
    ).toBe(1);
    expect(gone.stderr()).toContain(`node nosuchnode of project ${project} has no container on the engine`);
  });

  it('says so when no project has the node', async () => {
    const { io, stderr } = captureIo();
    const node = `ghost${randomBytes(3).toString('hex')}`;
    expect(await runCli(['chaos', 'kill', node, '--data-dir', dataDir], io, neverStops)).toBe(1);
    expect(stderr()).toBe(`no Dockwright project on this engine has a node ${node}\n`);
  });
});
