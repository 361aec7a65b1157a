import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../common/clock';
import { DockwrightMetrics } from '../telemetry/metrics';
import { METRIC } from '../telemetry/names';
import { silentLogger } from '../common/logger';
import { topology } from '../testing/topologies';
import { FakeHealthDocker } from '../testing/health-docker.fake';
import { healthMetrics } from './health-metrics';
import { HealthMonitor } from './health-monitor';

const monitors: HealthMonitor[] = [];
afterEach(() => {
  for (const monitor of monitors.splice(0)) monitor.dispose();
});

describe('health metrics', () => {
  it('counts check failures, restarts and the time to recover, per project and node', async () => {
    const metrics = new DockwrightMetrics({ defaults: false });
    const docker = new FakeHealthDocker(systemClock, 'shop');
    docker.add('api', { engineHealth: 'healthy' });
    const monitor = new HealthMonitor({ docker, logger: silentLogger, metrics: healthMetrics(metrics) });
    monitors.push(monitor);
    monitor.watch({
      runId: 'r',
      project: 'shop',
      topology: topology('shop', { api: { kind: 'service', image: 'x' } }),
    });
    await expect.poll(() => monitor.get({ project: 'shop' })?.services.api?.state).toBe('healthy');
    docker.setHealth('shop-api', 'unhealthy');
    await expect.poll(() => docker.calls).toEqual(['restart api']);
    docker.setHealth('shop-api', 'healthy');
    await expect.poll(() => monitor.get({ project: 'shop' })?.services.api?.state).toBe('healthy');
    const samples = await metrics.samples([
      METRIC.healthCheckFailures,
      METRIC.healthRestarts,
      METRIC.healthRecovery,
    ]);
    const value = (name: string) => samples.find((s) => s.name === name && s.labels.node === 'api')?.value;
    expect(value(METRIC.healthCheckFailures)).toBe(1);
    expect(value(METRIC.healthRestarts)).toBe(1);
    expect(value(`${METRIC.healthRecovery}_count`)).toBe(1);
    expect(samples.find((s) => s.name === METRIC.healthRestarts)?.labels).toEqual({
      project: 'shop',
      node: 'api',
    });
  });
});
