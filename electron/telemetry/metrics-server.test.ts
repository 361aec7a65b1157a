import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from '../testing/prometheus-text';
import { startMetricsServer } from './metrics-server';
import { DockwrightMetrics } from './metrics';
import { METRIC } from './names';

describe('the loopback metrics port (for the desktop app)', () => {
  it('serves /metrics as Prometheus text on 127.0.0.1, and nothing else', async () => {
    const metrics = new DockwrightMetrics();
    metrics.runsFinished.inc({ outcome: 'failed' }, 2);
    const server = await startMetricsServer(metrics);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const response = await fetch(server.url);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      const { samples, types } = parsePrometheusText(await response.text());
      expect(sampleValue(samples, METRIC.runsFinished, { outcome: 'failed' })).toBe(2);
      expect(types.get(METRIC.dockerCallDuration)).toBe('histogram');
      expect(types.get('dockwright_process_cpu_seconds_total')).toBe('counter');
      expect((await fetch(server.url.replace('/metrics', '/api/rpc'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('the parser refuses what is not Prometheus text', () => {
    expect(() => parsePrometheusText('# TYPE x_total counter\nx_total{a="1" 3\n')).toThrow(/line 2/);
    expect(() => parsePrometheusText('y 1\n')).toThrow(/no declared family/);
    expect(() => parsePrometheusText('# TYPE hits counter\nhits 1\n')).toThrow(/_total/);
  });
});
