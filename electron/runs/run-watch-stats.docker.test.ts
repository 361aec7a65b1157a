import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../common/clock';
import { silentLogger } from '../common/logger';
import { DockwrightMetrics } from '../telemetry/metrics';
import { testDocker, testProjectName } from '../testing/docker-project';
import { BUSYBOX_IMAGE } from '../testing/test-images';
import { RunWatch } from './run-watch';

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

/*
 * A container's CPU and memory are read from the engine only while someone wants them (the
 * Metrics panel, a scrape): on the real engine, a busy container's series appears when asked for,
 * goes when no longer wanted, and goes when the container does, however much it is wanted.
 */
describe('container usage is read only while it is wanted', () => {
  const project = testProjectName('dwstats');
  const env = testDocker();
  const metrics = new DockwrightMetrics({ defaults: false });
  let watch: RunWatch;
  let id: string;

  const cpu = async (): Promise<number | undefined> =>
    (await metrics.containerCpu.get()).values.find((v) => v.labels.node === 'burner')?.value;
  const poll = async (check: (value: number | undefined) => boolean, what: string) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const value = await cpu();
      if (check(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (cpu ${value})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(() => {
    id = docker(
      'run',
      '-d',
      '--label',
      `dockwright.project=${project}`,
      BUSYBOX_IMAGE,
      'sh',
      '-c',
      'while :; do :; done',
    );
    watch = new RunWatch({
      resources: env.resources,
      project,
      runId: 'r1',
      clock: systemClock,
      logger: silentLogger,
      metrics,
      onLog: () => {},
    });
  });

  afterAll(() => {
    watch.close();
    metrics.statsDemand.dispose();
    // The second test removes it; a first test that failed early leaves it to be removed here.
    try {
      execFileSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
    env.dispose();
  });

  it('reads nothing until asked, then the busy loop near a core, and stops when no longer wanted', async () => {
    await watch.follow('burner', id, { tty: false, stats: true });
    // The engine's first samples would have come by now, were its stream open.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await cpu()).toBeUndefined();

    metrics.statsDemand.want('test', 60_000);
    const busy = await poll((value) => value !== undefined && value > 0.3, 'the busy loop to be read');
    expect(busy).toBeGreaterThan(0.3);
    const memory = (await metrics.containerMemory.get()).values.find((v) => v.labels.node === 'burner');
    expect(memory?.value).toBeGreaterThan(0);

    metrics.statsDemand.release('test');
    await poll((value) => value === undefined, 'the series to go');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await cpu()).toBeUndefined();
  });

  it('goes on reading a container that stops and starts again (as the health monitor restarts one)', async () => {
    metrics.statsDemand.want('test', 60_000);
    await poll((value) => value !== undefined && value > 0.3, 'the busy loop to be read');
    docker('restart', '-t', '0', id);
    // The series stays, and the restarted loop is read again near a core.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const after = await poll((value) => value !== undefined && value > 0.3, 'the restarted loop to be read');
    // Fresh samples, not the last one from before the restart left standing.
    await poll((value) => value !== undefined && value > 0.3 && value !== after, 'a new sample');
    metrics.statsDemand.release('test');
    await poll((value) => value === undefined, 'the series to go');
  });

  it('a scrape of /metrics asks too; a container that goes takes its series, wanted or not', async () => {
    await metrics.text();
    expect(metrics.statsDemand.active).toBe(true);
    await poll((value) => value !== undefined && value > 0.3, 'the scrape to start the reading');
    docker('rm', '-f', id);
    await poll((value) => value === undefined, 'the series of the removed container to go');
    expect(metrics.statsDemand.active).toBe(true);
  });
});
