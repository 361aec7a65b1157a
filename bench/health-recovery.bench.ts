// Self-healing, side by side: how long from `docker kill` of a monitored service (1 s checks)
// until Dockwright notices it and until it is healthy again, against the same container under
// Docker's own `restart: on-failure` (which never restarts a `docker kill`, only a crash). A crash
// (the main process killed inside the container) is measured for both, too. Prints one JSON line.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { HealthStatus } from '../shared/ipc/health-contract';
import { CURRENT_API_VERSION, type Topology } from '../shared/topology';
import { DockerEngine } from '../electron/docker/docker-engine';
import { DockerResources } from '../electron/docker/docker-resources';
import { EngineHealthDocker } from '../electron/health/engine-health-docker';
import { HealthMonitor } from '../electron/health/health-monitor';
import { RunService } from '../electron/runs/run-service';
import { silentLogger } from '../electron/common/logger';

const ROUNDS = Number(process.argv[2] ?? 5);
/** How long Docker gets to restart a killed container before it counts as "never". */
const DOCKER_GIVE_UP_MS = 10_000;
const IMAGE = 'dockwright-test/http:1';
const HEALTH_CMD = 'wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1';
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]!);
};

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> => {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
};

const crashCommand = (container: string) => ['exec', container, 'sh', '-c', 'kill -9 $(pidof httpd)'];

async function dockwrightRounds(engine: DockerEngine, resources: DockerResources) {
  const project = `dwbench-health-${randomBytes(3).toString('hex')}`;
  const topology: Topology = {
    apiVersion: CURRENT_API_VERSION,
    kind: 'Topology',
    metadata: { name: project },
    spec: {
      nodes: {
        web: {
          kind: 'service',
          image: IMAGE,
          healthcheck: { test: ['CMD-SHELL', HEALTH_CMD], interval: '1s', timeout: '1s', retries: 1 },
          health: {
            checks: [
              { type: 'engine' },
              {
                type: 'http',
                port: 8080,
                interval: '1s',
                timeout: '500ms',
                retries: 1,
                // Faster while it starts again, with failures then not counted: the recovery case.
                startInterval: '250ms',
                startPeriod: '5s',
              },
            ],
          },
          // Every round restarts it once: the budget must not run out during the benchmark.
          recovery: { maxRestarts: 100, window: '1m' },
        },
      },
    },
  };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dw-bench-health-'));
  const runs = new RunService({ resources, dataDir, logger: silentLogger, env: {} });
  const monitor = new HealthMonitor({ docker: new EngineHealthDocker(resources), logger: silentLogger });
  const seen: Array<HealthStatus & { receivedAt: number }> = [];
  monitor.onStatus((event) => seen.push({ ...event, receivedAt: performance.now() }));
  const figures = {
    kill: { detect: [] as number[], healthy: [] as number[] },
    crash: { detect: [] as number[], healthy: [] as number[] },
  };
  try {
    const started = await runs.start({ topology, idempotencyKey: project });
    const final = await runs.wait(started.runId);
    if (final.state !== 'succeeded') throw new Error(`the run ${final.state}`);
    const watch = monitor.watch({ runId: started.runId, project, topology });
    const state = () => monitor.get({ project })?.services.web?.state;
    if (!(await until(() => state() === 'healthy', 20_000))) throw new Error('web never became healthy');
    for (let round = 0; round < ROUNDS; round++) {
      for (const scenario of ['kill', 'crash'] as const) {
        const from = seen.length;
        const t0 = performance.now();
        await run(
          'docker',
          scenario === 'kill' ? ['kill', `${project}-web`] : crashCommand(`${project}-web`),
        );
        const after = () => seen.slice(from);
        if (!(await until(() => after().some((e) => e.state === 'unhealthy'), 10_000)))
          throw new Error(`${scenario}: not detected`);
        if (!(await until(() => after().some((e) => e.state === 'healthy'), 20_000)))
          throw new Error(`${scenario}: not healthy again`);
        figures[scenario].detect.push(after().find((e) => e.state === 'unhealthy')!.receivedAt - t0);
        figures[scenario].healthy.push(after().find((e) => e.state === 'healthy')!.receivedAt - t0);
      }
    }
    watch.dispose();
    return figures;
  } finally {
    monitor.dispose();
    await runs.dispose();
    await resources.projects.cleanup(project, { stopTimeoutSeconds: 1, volumes: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function dockerRounds(engine: DockerEngine) {
  const name = `dwbench-onfailure-${randomBytes(3).toString('hex')}`;
  const figures = {
    kill: { restarted: 0, running: [] as number[] },
    crash: { running: [] as number[], healthy: [] as number[] },
  };
  const inspect = () => engine.client.inspectContainer(name);
  execFileSync(
    'docker',
    [
      'run',
      '-d',
      '--name',
      name,
      '--init',
      '--restart',
      'on-failure',
      '--health-cmd',
      HEALTH_CMD,
      '--health-interval',
      '1s',
      '--health-timeout',
      '1s',
      '--health-retries',
      '1',
      IMAGE,
    ],
    { stdio: 'ignore' },
  );
  try {
    const healthy = async () => (await inspect()).State.Health?.Status === 'healthy';
    if (!(await until(healthy, 20_000))) throw new Error('the on-failure container never became healthy');
    for (let round = 0; round < ROUNDS; round++) {
      // `docker kill`: the engine counts it as a manual stop and leaves it down.
      let before = (await inspect()).RestartCount;
      let t0 = performance.now();
      await run('docker', ['kill', name]);
      const back = await until(async () => {
        const info = await inspect();
        return info.State.Running && info.RestartCount > before;
      }, DOCKER_GIVE_UP_MS);
      if (back) {
        figures.kill.restarted++;
        figures.kill.running.push(performance.now() - t0);
      } else await run('docker', ['start', name]);
      if (!(await until(healthy, 20_000))) throw new Error('not healthy again after the kill round');

      // A crash of the main process: what `on-failure` is for.
      before = (await inspect()).RestartCount;
      t0 = performance.now();
      await run('docker', crashCommand(name)).catch(() => undefined);
      if (
        !(await until(async () => {
          const info = await inspect();
          return info.State.Running && info.RestartCount > before;
        }, 20_000))
      )
        throw new Error('on-failure did not restart a crash');
      figures.crash.running.push(performance.now() - t0);
      if (!(await until(healthy, 20_000))) throw new Error('not healthy again after the crash');
      figures.crash.healthy.push(performance.now() - t0);
    }
    return figures;
  } finally {
    execFileSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
  }
}

execFileSync('bash', [path.join(root, 'scripts', 'test-images.sh')], { stdio: 'ignore' });
const engine = new DockerEngine({ logger: silentLogger });
engine.start();
try {
  await until(() => engine.status.state === 'connected', 10_000);
  const resources = new DockerResources(engine);
  const dockwright = await dockwrightRounds(engine, resources);
  const docker = await dockerRounds(engine);
  process.stdout.write(
    JSON.stringify({
      name: 'health-recovery',
      rounds: ROUNDS,
      checkIntervalMs: 1000,
      startIntervalMs: 250,
      dockwright: {
        killDetectMs: median(dockwright.kill.detect),
        killHealthyMs: median(dockwright.kill.healthy),
        crashDetectMs: median(dockwright.crash.detect),
        crashHealthyMs: median(dockwright.crash.healthy),
      },
      dockerOnFailure: {
        killRestarted: `${docker.kill.restarted}/${ROUNDS} within ${DOCKER_GIVE_UP_MS / 1000} s`,
        killRunningMs: median(docker.kill.running),
        crashRunningMs: median(docker.crash.running),
        crashHealthyMs: median(docker.crash.healthy),
      },
      raw: {
        dockwright: Object.fromEntries(
          Object.entries(dockwright).map(([k, v]) => [
            k,
            { detect: v.detect.map(Math.round), healthy: v.healthy.map(Math.round) },
          ]),
        ),
        docker: {
          kill: docker.kill.running.map(Math.round),
          crashRunning: docker.crash.running.map(Math.round),
          crashHealthy: docker.crash.healthy.map(Math.round),
        },
      },
    }) + '\n',
  );
} finally {
  engine.dispose();
}
