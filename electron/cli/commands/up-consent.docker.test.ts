import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../testing/capture-io';
import { testDocker, testProjectName } from '../../testing/docker-project';
import { engineRunsPrivileged } from '../../testing/privileged-probe';
import { BUSYBOX_IMAGE } from '../../testing/test-images';
import { topology } from '../../testing/topologies';
import { runCli } from '../program';

const docker = testDocker();
const dir = mkdtempSync(path.join(tmpdir(), 'dw-cli-consent-'));
const dataDir = path.join(dir, 'data');
const project = testProjectName('dwtest-consent');
const capsProject = testProjectName('dwtest-consent-caps');
const neverStops = { staticDir: '/nonexistent', untilStopped: () => new Promise(() => {}) };

afterAll(async () => {
  for (const name of [project, capsProject])
    await docker.resources.projects.cleanup(name, { stopTimeoutSeconds: 1, volumes: true });
  docker.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const file = path.join(dir, `${project}.yaml`);
writeFileSync(
  file,
  JSON.stringify(
    topology(project, {
      net: { kind: 'network' },
      data: { kind: 'volume' },
      box: {
        kind: 'service',
        image: BUSYBOX_IMAGE,
        command: ['sleep', '3600'],
        privileged: true,
        networks: [{ network: 'net' }],
        mounts: [
          { type: 'volume', source: 'data', target: '/data' },
          { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: true },
          // Created by a run when missing: not by a refused one.
          { type: 'bind', source: './made-by-the-run', target: '/made' },
        ],
      },
    }),
  ),
);

describe('dockwright up with dangerous settings', () => {
  it('refuses with exit 1, listing each setting and why, and creates nothing', async () => {
    const up = captureIo();
    expect(await runCli(['up', file, '--data-dir', dataDir], up.io, neverStops)).toBe(1);
    const lines = up.stderr().split('\n');
    expect(lines[0]).toBe('Refused: the topology asks for 2 dangerous settings, so nothing was started:');
    expect(lines[1]).toMatch(/^ {2}box +privileged +true +turns off all isolation/);
    expect(lines[2]).toMatch(
      /^ {2}box +mounts\[1\]\.source +\/var\/run\/docker\.sock.* +the container engine's socket/,
    );
    expect(up.stderr()).toContain('--allow-dangerous');
    expect(up.stdout()).not.toContain('Run ');
    expect(await docker.leftovers(project)).toBe(0);
    expect(existsSync(path.join(dir, 'made-by-the-run'))).toBe(false);
  });

  it('with --allow-dangerous lists them as a warning and runs them', async () => {
    const up = captureIo();
    const code = await runCli(['up', file, '--allow-dangerous', '--data-dir', dataDir], up.io, neverStops);
    expect(up.stderr()).toMatch(
      /^Running with 2 dangerous settings \(--allow-dangerous\):\n {2}box +privileged/,
    );
    // Consent given, the settings reach the engine as they are.
    const box = await docker.engine.client.inspectContainer(`${project}-box`);
    expect(box.HostConfig.Privileged).toBe(true);
    if (engineRunsPrivileged()) {
      expect(code).toBe(0);
      expect(up.stdout()).toContain('Run succeeded');
      expect(box.State.Running).toBe(true);
    } else {
      // This engine cannot start privileged containers at all (`docker run --privileged` fails too).
      expect(code).toBe(1);
      expect(up.stdout()).toMatch(/box +failed +Docker engine: .*unable to apply caps/);
    }
  });

  it('with --allow-dangerous runs what any engine can start: a capability, the host PID namespace, the socket', async () => {
    const caps = path.join(dir, `${capsProject}.yaml`);
    writeFileSync(
      caps,
      JSON.stringify(
        topology(capsProject, {
          box: {
            kind: 'service',
            image: BUSYBOX_IMAGE,
            command: ['sleep', '3600'],
            capAdd: ['SYS_ADMIN'],
            pid: 'host',
            mounts: [
              { type: 'bind', source: '/var/run/docker.sock', target: '/docker.sock', readOnly: true },
            ],
          },
        }),
      ),
    );
    const refused = captureIo();
    expect(await runCli(['up', caps, '--data-dir', dataDir], refused.io, neverStops)).toBe(1);
    expect(refused.stderr()).toContain('asks for 3 dangerous settings');
    expect(await docker.leftovers(capsProject)).toBe(0);

    const up = captureIo();
    expect(await runCli(['up', caps, '--allow-dangerous', '--data-dir', dataDir], up.io, neverStops)).toBe(0);
    expect(up.stdout()).toContain('Run succeeded');
    const box = await docker.engine.client.inspectContainer(`${capsProject}-box`);
    expect(box.State.Running).toBe(true);
    expect(box.HostConfig.CapAdd).toEqual(['SYS_ADMIN']);
  });
});
