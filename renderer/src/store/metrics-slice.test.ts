import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { events, type MetricSample } from '../../../shared/ipc/contract';
import { MetricsBuffer, METRIC_SAMPLES_KEPT, seriesKey } from './metrics-buffer';
import { createMetricsSlice, type MetricsSlice } from './metrics-slice';

const cpu = (node: string, value: number): MetricSample => ({
  name: 'dockwright_container_cpu_usage_ratio',
  labels: { project: 'shop', node },
  value,
});
const started = (value: number): MetricSample => ({
  name: 'dockwright_runs_started_total',
  labels: {},
  value,
});
/** A batch as the main side pushes it, checked against the contract. */
const batch = (at: number, ...samples: MetricSample[]) => events['telemetry.metrics'].parse({ at, samples });

describe('seriesKey', () => {
  it('names a series by metric and labels, whatever order the labels come in', () => {
    expect(seriesKey('m', {})).toBe('m');
    expect(seriesKey('m', { node: 'web', project: 'shop' })).toBe('m{node="web",project="shop"}');
    expect(seriesKey('m', { project: 'shop', node: 'web' })).toBe(
      seriesKey('m', { node: 'web', project: 'shop' }),
    );
    expect(seriesKey('m', { node: 'a",b="c' })).not.toBe(seriesKey('m', { node: 'a', b: 'c' }));
  });
});

describe('MetricsBuffer', () => {
  it('keeps ten minutes at one sample a second by default', () => {
    expect(METRIC_SAMPLES_KEPT).toBe(600);
    expect(new MetricsBuffer().capacity).toBe(600);
  });

  it('aligns every series on one timeline, with gaps where a series had no sample', () => {
    const buffer = new MetricsBuffer(10);
    buffer.append(batch(1000, started(1), cpu('web', 0.5)));
    buffer.append(batch(2000, started(1), cpu('web', 0.25), cpu('db', 0.1)));
    buffer.append(batch(3000, started(2), cpu('db', 0.2)));
    expect(buffer.timeline()).toEqual([1000, 2000, 3000]);
    const web = seriesKey('dockwright_container_cpu_usage_ratio', { project: 'shop', node: 'web' });
    const db = seriesKey('dockwright_container_cpu_usage_ratio', { project: 'shop', node: 'db' });
    expect(buffer.values(web)).toEqual([0.5, 0.25, null]);
    expect(buffer.values(db)).toEqual([null, 0.1, 0.2]);
    expect(buffer.values('dockwright_runs_started_total')).toEqual([1, 1, 2]);
    expect(buffer.values('nothing')).toEqual([null, null, null]);
    expect(buffer.find('dockwright_container_cpu_usage_ratio').map((s) => s.labels.node)).toEqual([
      'web',
      'db',
    ]);
    expect(buffer.find('dockwright_container_cpu_usage_ratio', (l) => l.node === 'db')).toHaveLength(1);
  });

  it('is bounded: the oldest samples go first, and the order stays oldest first', () => {
    const buffer = new MetricsBuffer(5);
    for (let i = 1; i <= 12; i++) buffer.append(batch(i * 1000, started(i)));
    expect(buffer.length).toBe(5);
    expect(buffer.timeline()).toEqual([8000, 9000, 10000, 11000, 12000]);
    expect(buffer.values('dockwright_runs_started_total')).toEqual([8, 9, 10, 11, 12]);
    expect(buffer.lastTime).toBe(12000);
  });

  it('drops a batch older than the newest and merges one of the same time', () => {
    const buffer = new MetricsBuffer(5);
    buffer.append(batch(2000, started(2)));
    expect(buffer.append(batch(1000, started(1)))).toBe(false);
    expect(buffer.append(batch(2000, cpu('web', 0.3)))).toBe(true);
    expect(buffer.timeline()).toEqual([2000]);
    expect(buffer.values('dockwright_runs_started_total')).toEqual([2]);
    expect(buffer.find('dockwright_container_cpu_usage_ratio')).toHaveLength(1);
  });

  it('lets a series go once it has no sample left in the window, and caps the number of series', () => {
    const buffer = new MetricsBuffer(3, 2);
    buffer.append(batch(1000, cpu('gone', 1), started(1)));
    buffer.append(batch(2000, started(1), cpu('a', 1), cpu('b', 1)));
    expect(buffer.keys()).toHaveLength(2);
    expect(buffer.droppedSeries).toBe(2);
    buffer.append(batch(3000, started(1)));
    buffer.append(batch(4000, started(1)));
    expect(buffer.find('dockwright_container_cpu_usage_ratio')).toEqual([]);
    buffer.append(batch(5000, started(1), cpu('b', 0.5)));
    expect(buffer.find('dockwright_container_cpu_usage_ratio').map((s) => s.labels.node)).toEqual(['b']);
    expect(
      buffer.values(seriesKey('dockwright_container_cpu_usage_ratio', { project: 'shop', node: 'b' })),
    ).toEqual([null, null, 0.5]);
  });
});

describe('the metrics slice', () => {
  it('appends batches, bumps the version only when something was kept, and keeps the node filter', () => {
    const store = create<MetricsSlice>()(createMetricsSlice({ samplesKept: 4 }));
    store.getState().appendMetrics(batch(1000, started(1)));
    store.getState().appendMetrics(batch(2000, started(1)));
    expect(store.getState().metricsVersion).toBe(2);
    store.getState().appendMetrics(batch(1500, started(1)));
    expect(store.getState().metricsVersion).toBe(2);
    expect(store.getState().metrics.timeline()).toEqual([1000, 2000]);
    store.getState().setMetricsNode('web');
    expect(store.getState().metricsNode).toBe('web');
  });
});
