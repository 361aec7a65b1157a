import { describe, expect, it } from 'vitest';
import type { MetricSample } from '../../../shared/ipc/contract';
import { MetricsBuffer } from '../store/metrics-buffer';
import {
  buildCharts,
  formatValue,
  meanPerInterval,
  metricNodes,
  sumValues,
  type ChartData,
} from './chart-data';
import { METRIC } from '../../../shared/telemetry/metric-names';

const s = (name: string, labels: Record<string, string>, value: number): MetricSample => ({
  name,
  labels,
  value,
});

/** Three samples of what the main side pushes for two projects. */
function filled(): MetricsBuffer {
  const buffer = new MetricsBuffer(10);
  const at = (i: number, samples: MetricSample[]) => buffer.append({ at: 1_000_000 + i * 1000, samples });
  for (let i = 0; i < 3; i++) {
    at(i, [
      s(METRIC.containerCpu, { project: 'shop', node: 'web' }, 0.02 * (i + 1)),
      s(METRIC.containerCpu, { project: 'shop', node: 'db' }, 0.5),
      s(METRIC.containerCpu, { project: 'other', node: 'x' }, 1),
      s(METRIC.containerMemory, { project: 'shop', node: 'web' }, 8 * 1024 * 1024),
      s(METRIC.runsStarted, {}, 1 + i),
      s(METRIC.runsFinished, { outcome: 'succeeded' }, i),
      s(`${METRIC.nodeDuration}_sum`, { kind: 'service', outcome: 'succeeded' }, [0, 1.5, 1.5][i]!),
      s(`${METRIC.nodeDuration}_count`, { kind: 'service', outcome: 'succeeded' }, [0, 1, 1][i]!),
      s(`${METRIC.dockerCallDuration}_sum`, { operation: 'container.inspect' }, [0.01, 0.03, 0.06][i]!),
      s(`${METRIC.dockerCallDuration}_count`, { operation: 'container.inspect' }, [1, 3, 6][i]!),
      s(`${METRIC.dockerCallDuration}_sum`, { operation: 'container.start' }, [0.2, 0.2, 0.2][i]!),
      s(`${METRIC.dockerCallDuration}_count`, { operation: 'container.start' }, [1, 1, 1][i]!),
      s(METRIC.healthRestarts, { project: 'shop', node: 'web' }, i === 2 ? 1 : 0),
      s(METRIC.healthCheckFailures, { project: 'shop', node: 'web' }, i),
    ]);
  }
  return buffer;
}

const chart = (charts: ChartData[], id: string) => charts.find((c) => c.id === id)!;
const labels = (c: ChartData) => c.series.map((x) => x.label);

describe('chart data', () => {
  it('sums columns and takes the mean of a histogram between samples', () => {
    expect(
      sumValues(
        [
          [1, null, 3],
          [null, null, 4],
        ],
        3,
      ),
    ).toEqual([1, null, 7]);
    expect(meanPerInterval([0, 1, 1, 4, 2], [0, 2, 2, 5, 1])).toEqual([null, 0.5, null, 1, null]);
    expect(meanPerInterval([null, 1], [null, 1])).toEqual([null, null]);
  });

  it('draws CPU and memory per service of the project, and one node when it is picked', () => {
    const buffer = filled();
    const all = buildCharts(buffer, { project: 'shop', node: null });
    const cpu = chart(all, 'cpu');
    expect(cpu.x).toEqual([1000, 1001, 1002]);
    expect(labels(cpu)).toEqual(['web', 'db']);
    expect(cpu.series[0]!.values.map((v) => Math.round(v! * 100) / 100)).toEqual([2, 4, 6]);
    expect(cpu.unit).toBe('percent');
    expect(labels(chart(all, 'memory'))).toEqual(['web']);
    expect(metricNodes(buffer, 'shop')).toEqual(['web', 'db']);

    const web = buildCharts(buffer, { project: 'shop', node: 'web' });
    expect(labels(chart(web, 'cpu'))).toEqual(['web']);
    // Series without a node label (runs) are the same whatever node is picked.
    expect(labels(chart(web, 'runs'))).toEqual(['started', 'succeeded']);
  });

  it('draws totals for counters and a mean per interval for histograms', () => {
    const charts = buildCharts(filled(), { project: 'shop', node: null });
    expect(chart(charts, 'runs').series.map((x) => x.values)).toEqual([
      [1, 2, 3],
      [0, 1, 2],
    ]);
    const durations = chart(charts, 'node-durations');
    expect(durations.series).toMatchObject([
      { label: 'service', style: 'points', values: [null, 1.5, null] },
    ]);
    const docker = chart(charts, 'docker');
    // All calls: (0.23-0.21)/(4-2) s, then (0.26-0.23)/(7-4) s, in ms; the busiest operation apart.
    expect(labels(docker)).toEqual(['all calls', 'container.inspect']);
    expect(docker.series[0]!.values.map((v) => (v === null ? null : Math.round(v)))).toEqual([null, 10, 10]);
    const health = chart(charts, 'health');
    expect(labels(health)).toEqual(['web check failures', 'web restarts']);
    expect(health.series[1]!.values).toEqual([0, 0, 1]);
    expect(chart(charts, 'retries').series).toEqual([]);
  });

  it('formats values by unit', () => {
    expect(formatValue('percent', 2.345)).toBe('2.3%');
    expect(formatValue('bytes', 8 * 1024 * 1024)).toBe('8.0 MiB');
    expect(formatValue('bytes', 512)).toBe('512 B');
    expect(formatValue('seconds', 0.25)).toBe('250 ms');
    expect(formatValue('seconds', 1.5)).toBe('1.50 s');
    expect(formatValue('ms', 3.21)).toBe('3.2 ms');
    expect(formatValue('count', 3)).toBe('3');
    expect(formatValue('count', null)).toBe('–');
  });
});
