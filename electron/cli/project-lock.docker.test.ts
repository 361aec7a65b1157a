import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { serializeTopology } from '../../shared/topology';
import { readHolder } from '../runs/lock-holder';
import { testDocker, testProjectName } from '../testing/docker-project';
import { BUSYBOX_IMAGE } from '../testing/test-images';
import { topology } from '../testing/topologies';

const root = path.resolve(import.meta.dirname, '..', '..');
const cli = path.join(root, 'bin', 'dockwright.mjs');
const docker = testDocker();
const work = mkdtempSync(path.join(tmpdir(), 'dw-lock-'));
// The default data dir (and so the lock folder) of every process here: XDG_CONFIG_HOME/Dockwright.
const locks = path.join(work, 'config', 'Dockwright', 'locks');
const projects: string[] = [];

afterEach(async () => {
  for (const project of projects.splice(0)) {
    await docker.resources.projects.cleanup(project, { stopTimeoutSeconds: 1, volumes: true });
  }
});

afterAll(() => {
  docker.dispose();
  rmSync(work, { recursive: true, force: true });
});

interface Exited {
  pid: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** When it exited, by the test's clock. */
  at: number;
}

/** `dockwright ARGS` as its own process, each with its own data dir (the lock folder is shared). */
function dockwright(args: string[], dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cli, ...args, '--data-dir', path.join(work, dataDir)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(work, 'config'), ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exited>((resolve) =>
    child.once('exit', (code) => resolve({ pid: child.pid!, code, stdout, stderr, at: Date.now() })),
  );
  return { pid: child.pid!, exited, kill: () => child.exitCode === null && child.kill('SIGKILL') };
}

/** Two services and a job that takes a few seconds: the start phase holds the lock that long. */
function slowFile(project: string): string {
  const file = path.join(work, `${project}.yaml`);
  writeFileSync(
    file,
    serializeTopology(
      topology(project, {
        a: { kind: 'service', image: BUSYBOX_IMAGE, command: ['sleep', '600'] },
        b: { kind: 'service', image: BUSYBOX_IMAGE, command: ['sleep', '600'] },
        slow: {
          kind: 'job',
          image: BUSYBOX_IMAGE,
          command: ['sleep', '5'],
          dependsOn: [{ node: 'a', condition: 'started' }],
        },
      }),
    ),
  );
  return file;
}

async function containerNames(project: string): Promise<string[]> {
  return (await docker.resources.projects.list(project)).containers.map((c) => c.name).sort();
}

describe('one writer per project, across processes', () => {
  it('two concurrent `up` of one project: one container per service, the loser says who is busy', async () => {
    expect(existsSync(path.join(root, 'dist', 'cli', 'dockwright.mjs')), 'run `npm run build` first').toBe(
      true,
    );
    const project = testProjectName('dwtest-lock');
    projects.push(project);
    const file = slowFile(project);
    const ups = [
      dockwright(['up', file], 'one', { DOCKWRIGHT_LOCK_WAIT: '1s' }),
      dockwright(['up', file], 'two', { DOCKWRIGHT_LOCK_WAIT: '1s' }),
    ];
    try {
      const [first, second] = await Promise.all(ups.map((up) => up.exited));
      const winner = [first!, second!].find((up) => up.code === 0);
      const loser = [first!, second!].find((up) => up.code !== 0);
      expect(winner?.stdout).toContain('Run succeeded');
      expect(loser?.code).toBe(3);
      expect(loser?.stderr).toMatch(
        new RegExp(`^dockwright: project ${project} is busy: up by pid ${winner?.pid} since \\S+Z\\n$`),
      );
      expect(loser?.stdout).not.toContain('Run ');
      expect(await containerNames(project)).toEqual([`${project}-a`, `${project}-b`, `${project}-slow`]);
      // Released: nothing left in the lock folder.
      expect(existsSync(path.join(locks, `${project}.lock`))).toBe(false);
    } finally {
      for (const up of ups) up.kill();
    }
  });

  it('`down` during an `up` says busy, or waits until the run is up and then removes it', async () => {
    const project = testProjectName('dwtest-lock');
    projects.push(project);
    const file = slowFile(project);
    const up = dockwright(['up', file], 'one');
    try {
      await expect
        .poll(async () => (await readHolder(path.join(locks, `${project}.holder.json`)))?.command, {
          timeout: 20_000,
        })
        .toBe('up');
      const impatient = await dockwright(['down', '-p', project], 'two', { DOCKWRIGHT_LOCK_WAIT: '300ms' })
        .exited;
      expect(impatient.code).toBe(3);
      expect(impatient.stderr).toContain(`project ${project} is busy: up by pid ${up.pid} since `);
      expect(impatient.stdout).toBe('');

      const down = dockwright(['down', '-p', project, '--volumes'], 'two', { DOCKWRIGHT_LOCK_WAIT: '30s' });
      const [upped, downed] = await Promise.all([up.exited, down.exited]);
      expect(upped.code).toBe(0);
      expect(upped.stdout).toContain('Run succeeded');
      expect(downed.code).toBe(0);
      expect(downed.stdout).toContain('Removed 3 containers');
      expect(downed.at).toBeGreaterThanOrEqual(upped.at - 1000);
      expect(await docker.leftovers(project)).toBe(0);
    } finally {
      up.kill();
    }
  });
});
