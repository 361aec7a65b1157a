import { afterEach, describe, expect, it } from 'vitest';
import type { HealthRecovery, HealthStatus } from '../../shared/ipc/health-contract';
import type { ServiceNode, TopologyNode } from '../../shared/topology';
import { systemClock } from '../common/clock';
import { silentLogger } from '../common/logger';
import { topology } from '../testing/topologies';
import { FakeHealthDocker } from '../testing/health-docker.fake';
import { ProjectWatch } from './project-watch';

const watches: ProjectWatch[] = [];
afterEach(() => {
  for (const watch of watches.splice(0)) watch.dispose();
});

const svc = (extra: Partial<ServiceNode> = {}): ServiceNode => ({ kind: 'service', image: 'x', ...extra });

function setup(nodes: Record<string, TopologyNode>, engineHealth?: 'healthy') {
  const docker = new FakeHealthDocker(systemClock);
  for (const id of Object.keys(nodes)) docker.add(id, engineHealth ? { engineHealth } : {});
  const statuses: HealthStatus[] = [];
  const recoveries: HealthRecovery[] = [];
  const watch = new ProjectWatch({
    runId: 'r1',
    project: 'p',
    topology: topology('p', nodes),
    docker,
    clock: systemClock,
    logger: silentLogger,
    random: () => 0.5,
    onStatus: (event) => statuses.push(event),
    onRecovery: (event) => recoveries.push(event),
    onCheck: () => {},
  }).start();
  watches.push(watch);
  const state = (id: string) => watch.summary().services[id]?.state;
  const statesOf = (id: string) => statuses.filter((s) => s.nodeId === id).map((s) => s.state);
  const recoveriesOf = (id: string) =>
    recoveries.filter((r) => r.nodeId === id).map((r) => `${r.result} ${r.trigger}`);
  return { docker, watch, statuses, recoveries, state, statesOf, recoveriesOf };
}

describe('ProjectWatch (logic, on an in-memory engine)', () => {
  it('restarts a dependent after its dependency was healed only where the edge says restart: true', async () => {
    const { docker, state, statesOf, recoveriesOf } = setup(
      {
        db: svc(),
        api: svc({ dependsOn: [{ node: 'db', condition: 'healthy', restart: true }] }),
        web: svc({ dependsOn: [{ node: 'db', condition: 'healthy' }] }),
      },
      'healthy',
    );
    await expect.poll(() => ['db', 'api', 'web'].map(state)).toEqual(['healthy', 'healthy', 'healthy']);
    docker.crash('p-db');
    await expect.poll(() => ['db', 'api', 'web'].map(state)).toEqual(['starting', 'degraded', 'degraded']);
    expect(docker.calls).toEqual(['start db']);
    docker.setHealth('p-db', 'healthy');
    await expect.poll(() => state('api')).toBe('starting');
    docker.setHealth('p-api', 'healthy');
    await expect.poll(() => ['db', 'api', 'web'].map(state)).toEqual(['healthy', 'healthy', 'healthy']);
    expect(docker.calls).toEqual(['start db', 'restart api']);
    expect(recoveriesOf('db')).toEqual(['started exited', 'recovered exited']);
    expect(recoveriesOf('api')).toEqual(['started dependency', 'recovered dependency']);
    expect(recoveriesOf('web')).toEqual([]);
    expect(statesOf('web')).toEqual(['healthy', 'degraded', 'healthy']);
  });

  it('passes the root cause down a chain, through a job in between', async () => {
    const { docker, watch, state } = setup({
      a: svc({ recovery: { restartOnExit: false } }),
      migrate: { kind: 'job', image: 'x', dependsOn: [{ node: 'a', condition: 'healthy' }] },
      b: svc({ dependsOn: [{ node: 'migrate', condition: 'completed' }] }),
      c: svc({ dependsOn: [{ node: 'b', condition: 'started' }] }),
      loose: svc({ dependsOn: [{ node: 'a', condition: 'started', required: false }] }),
    });
    await expect.poll(() => ['a', 'b', 'c'].map(state)).toEqual(['healthy', 'healthy', 'healthy']);
    docker.crash('p-a');
    await expect.poll(() => ['a', 'b', 'c'].map(state)).toEqual(['unhealthy', 'degraded', 'degraded']);
    const services = watch.summary().services;
    expect([services.b?.cause, services.c?.cause]).toEqual(['a', 'a']);
    expect(state('loose')).toBe('healthy');
    expect(docker.calls).toEqual([]);
    expect(watch.summary()).toMatchObject({
      overall: 'unhealthy',
      counts: { healthy: 1, degraded: 2, unhealthy: 1 },
    });
  });

  it("leaves a crash to the engine's restart policy, but not a docker kill", async () => {
    const { docker, state, watch } = setup({ web: svc({ restart: 'always' }) });
    docker.container('p-web').snapshot = { ...docker.container('p-web').snapshot, restartPolicy: 'always' };
    await expect.poll(() => state('web')).toBe('healthy');
    docker.crash('p-web', 1, false);
    await expect.poll(() => state('web')).toBe('unhealthy');
    expect(watch.summary().services.web?.reason).toBe(
      'exited with code 1; the engine restarts it (restart: always)',
    );
    docker.engineRestart('p-web');
    await expect.poll(() => state('web')).toBe('healthy');
    expect(docker.calls).toEqual([]);
    docker.crash('p-web', 137, true);
    await expect.poll(() => docker.calls).toEqual(['start web']);
  });

  it('recreates when asked to, and follows the new container', async () => {
    const { docker, state, recoveries } = setup({ web: svc({ recovery: { action: 'recreate' } }) });
    await expect.poll(() => state('web')).toBe('healthy');
    const before = docker.container('p-web').snapshot.id;
    docker.crash('p-web');
    await expect.poll(() => recoveries.map((r) => r.result)).toEqual(['started', 'recovered']);
    expect(docker.container('p-web').snapshot.id).not.toBe(before);
    docker.crash('p-web');
    await expect.poll(() => docker.calls).toEqual(['recreate web', 'recreate web']);
    expect(recoveries.every((r) => r.action === 'recreate')).toBe(true);
  });

  it('backs off between attempts and gives up at the maximum', async () => {
    const { docker, state, recoveries, watch } = setup({
      web: svc({
        health: { checks: [{ type: 'exec', command: 'check', interval: '10ms', retries: 1 }] },
        recovery: { maxRestarts: 3, backoff: { initial: '30ms', multiplier: 2, jitter: 0 } },
      }),
    });
    docker.container('p-web').execExit = 1;
    await expect.poll(() => state('web'), { timeout: 5_000 }).toBe('failed');
    const started = recoveries.filter((r) => r.result === 'started');
    expect(started.map((r) => [r.attempt, r.maxAttempts, r.delayMs])).toEqual([
      [1, 3, 0],
      [2, 3, 30],
      [3, 3, 60],
    ]);
    expect(recoveries.at(-1)).toMatchObject({ result: 'gave-up', attempt: 3 });
    expect(watch.summary().services.web).toMatchObject({ restarts: 3 });
    // Fixed by someone: the failed service is healthy again, and the monitor says so.
    docker.container('p-web').execExit = 0;
    await expect.poll(() => state('web')).toBe('healthy');
  });

  it('goes unknown with nothing scheduled while the engine is away, and back without a restart', async () => {
    const { docker, watch, state, statesOf } = setup({
      a: svc({ health: { checks: [{ type: 'exec', command: 'ok', interval: '10ms' }] } }),
      b: svc(),
    });
    await expect.poll(() => ['a', 'b'].map(state)).toEqual(['healthy', 'healthy']);
    docker.setEngine('disconnected');
    expect(['a', 'b'].map(state)).toEqual(['unknown', 'unknown']);
    expect(watch.pendingTimers).toBe(0);
    expect(docker.openStreams).toBe(0);
    docker.setEngine('connected');
    await expect.poll(() => ['a', 'b'].map(state)).toEqual(['healthy', 'healthy']);
    expect(statesOf('b')).toEqual(['healthy', 'unknown', 'healthy']);
    expect(docker.calls).toEqual([]);
    watch.dispose();
    expect(watch.pendingTimers).toBe(0);
    expect(docker.openStreams).toBe(0);
  });
});
