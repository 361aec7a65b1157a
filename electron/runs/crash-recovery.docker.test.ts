import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeTopology } from '../../shared/topology';
import { silentLogger } from '../common/logger';
import { testDocker, testProjectName } from '../testing/docker-project';
import { BUSYBOX_IMAGE } from '../testing/test-images';
import { topology } from '../testing/topologies';
import { RunService } from './run-service';

const root = path.resolve(import.meta.dirname, '..', '..');
const cli = path.join(root, 'bin', 'dockwright.mjs');
const docker = testDocker();
const work = mkdtempSync(path.join(tmpdir(), 'dw-crash-'));

afterAll(() => {
  docker.dispose();
  rmSync(work, { recursive: true, force: true });
});

function dockwright(args: string[]) {
  return spawn(process.execPath, [cli, ...args, '--data-dir', path.join(work, 'data')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('crash recovery', () => {
  it('after `up` is killed with SIGKILL, the next start marks the run interrupted and down leaves nothing', async () => {
    expect(existsSync(path.join(root, 'dist', 'cli', 'dockwright.mjs')), 'run `npm run build` first').toBe(
      true,
    );
    const project = testProjectName('dwtest-crash');
    const file = path.join(work, 'dockwright.yaml');
    writeFileSync(
      file,
      serializeTopology(
        topology(project, {
          net: { kind: 'network' },
          data: { kind: 'volume' },
          sleeper: {
            kind: 'service',
            image: BUSYBOX_IMAGE,
            command: ['sleep', '600'],
            networks: [{ network: 'net' }],
            mounts: [{ type: 'volume', source: 'data', target: '/data' }],
          },
          forever: {
            kind: 'job',
            image: BUSYBOX_IMAGE,
            command: ['sleep', '600'],
            networks: [{ network: 'net' }],
            dependsOn: [{ node: 'sleeper', condition: 'started' }],
          },
        }),
      ),
    );
    const up = dockwright(['up', file]);
    const exited = new Promise((resolve) => up.once('exit', resolve));
    try {
      // Killed while the job runs: containers, network and volume exist, the run never finished.
      await expect
        .poll(
          async () =>
            (await docker.resources.projects.list(project)).containers.filter((c) => c.state === 'running')
              .length,
          {
            timeout: 20_000,
          },
        )
        .toBe(2);
      up.kill('SIGKILL');
      await exited;
      expect(await docker.leftovers(project)).toBe(4);

      const runs = new RunService({
        resources: docker.resources,
        dataDir: path.join(work, 'data'),
        logger: silentLogger,
      });
      expect(await runs.interruptedRuns()).toHaveLength(1);
      const [run] = await runs.list();
      expect(run).toMatchObject({ project, state: 'interrupted' });
      expect(await runs.orphans()).toContainEqual(
        expect.objectContaining({ project, containers: 2, networks: 1, volumes: 1 }),
      );
      // Adopted: shown as a run of this session, with the state each node's container is in.
      const adopted = await runs.adopt(project);
      expect(adopted.state).toBe('running');
      expect(Object.fromEntries(Object.entries(adopted.nodes).map(([id, n]) => [id, n.state]))).toEqual({
        net: 'completed',
        data: 'completed',
        sleeper: 'running',
        forever: 'running',
      });
      expect(await runs.orphans()).not.toContainEqual(expect.objectContaining({ project }));
      expect((await runs.adopt(project)).runId).toBe(adopted.runId);

      const down = dockwright(['down', '-p', project]);
      let output = '';
      down.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise((resolve) => down.once('exit', resolve));
      expect(code).toBe(0);
      expect(output).toContain('Removed 2 containers, 1 networks, 0 volumes');
      expect(output).toContain(
        `Kept 1 named volume(s) and their data (--volumes removes them): ${project}-data`,
      );
      expect(await docker.leftovers(project)).toBe(1);
      const downVolumes = dockwright(['down', '-p', project, '--volumes']);
      output = '';
      downVolumes.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      expect(await new Promise((resolve) => downVolumes.once('exit', resolve))).toBe(0);
      expect(output).toContain('Removed 0 containers, 0 networks, 1 volumes');
      expect(await docker.leftovers(project)).toBe(0);
      await runs.dispose();
      expect((await runs.get(adopted.runId)).state).toBe('cancelled');
    } finally {
      if (up.exitCode === null) up.kill('SIGKILL');
      await docker.resources.projects.cleanup(project, { stopTimeoutSeconds: 1, volumes: true });
    }
  });
});
