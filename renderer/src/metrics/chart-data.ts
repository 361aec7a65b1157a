import type { MetricsBuffer, SeriesInfo } from '../store/metrics-buffer';
import { METRIC } from '../../../shared/telemetry/metric-names';

/*
 * What each chart of the Metrics panel draws, derived from the metrics buffer: pure functions,
 * so the numbers are tested without a canvas. Counters are drawn as totals (stepped: they move
 * when something happens); histograms, which arrive as `_sum` and `_count`, as the mean of the
 * observations between two samples; gauges as they are.
 */

export type Values = (number | null)[];
export type SeriesStyle = 'line' | 'step' | 'points';

export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly style: SeriesStyle;
  readonly values: Values;
}

export type ChartUnit = 'count' | 'seconds' | 'ms' | 'percent' | 'bytes';

export interface ChartData {
  readonly id: string;
  readonly title: string;
  readonly unit: ChartUnit;
  /** Seconds since the epoch (what uPlot's time axis takes), oldest first. */
  readonly x: number[];
  readonly series: readonly ChartSeries[];
  /** Shown when there is no series to draw. */
  readonly empty: string;
}

export interface ChartScope {
  /** Series labelled with a project are shown for this one only. */
  readonly project: string | null;
  /** Series labelled with a node are shown for this one only; null for every node. */
  readonly node: string | null;
}

export const PALETTE = [
  '#4aa3ff',
  '#3fb950',
  '#d29922',
  '#f85149',
  '#a371f7',
  '#39c5cf',
  '#db61a2',
  '#c9d1d9',
];
const color = (i: number) => PALETTE[i % PALETTE.length]!;

type Labels = Readonly<Record<string, string>>;

/** Element-wise sum; null where every input is null. */
export function sumValues(columns: readonly Values[], length: number): Values {
  const out: Values = new Array<number | null>(length).fill(null);
  for (const column of columns) {
    for (let i = 0; i < length; i++) {
      const v = column[i];
      if (v !== null && v !== undefined) out[i] = (out[i] ?? 0) + v;
    }
  }
  return out;
}

/**
 * The mean of a histogram's observations between consecutive samples: Δsum / Δcount, null when
 * nothing was observed (or the counters went back, as when the app restarted).
 */
export function meanPerInterval(sum: Values, count: Values): Values {
  const out: Values = new Array<number | null>(sum.length).fill(null);
  for (let i = 1; i < sum.length; i++) {
    const s0 = sum[i - 1];
    const s1 = sum[i];
    const c0 = count[i - 1];
    const c1 = count[i];
    if (s0 == null || s1 == null || c0 == null || c1 == null) continue;
    const dc = c1 - c0;
    if (dc > 0 && s1 >= s0) out[i] = (s1 - s0) / dc;
  }
  return out;
}

/** How much a counter grew over the kept window (to rank series by activity). */
function growth(values: Values): number {
  let first: number | null = null;
  let last: number | null = null;
  for (const v of values) {
    if (v === null) continue;
    first ??= v;
    last = v;
  }
  return first === null || last === null ? 0 : last - first;
}

const scale = (values: Values, factor: number): Values => values.map((v) => (v === null ? null : v * factor));

class Reader {
  readonly length: number;
  constructor(
    private readonly buffer: MetricsBuffer,
    private readonly scope: ChartScope,
  ) {
    this.length = buffer.length;
  }

  /** Series of a metric within the scope (project and node, where the series carries them). */
  find(name: string, where?: (labels: Labels) => boolean): SeriesInfo[] {
    const { project, node } = this.scope;
    return this.buffer.find(
      name,
      (labels) =>
        (project === null || labels.project === undefined || labels.project === project) &&
        (node === null || labels.node === undefined || labels.node === node) &&
        (!where || where(labels)),
    );
  }

  values(info: SeriesInfo): Values {
    return this.buffer.values(info.key);
  }

  /** The sum over all series of `name` that pass `where`. */
  total(name: string, where?: (labels: Labels) => boolean): Values | null {
    const found = this.find(name, where);
    if (found.length === 0) return null;
    return sumValues(
      found.map((info) => this.values(info)),
      this.length,
    );
  }

  /** Label values of `label` across the series of `name`, in first-seen order. */
  labelValues(name: string, label: string): string[] {
    const seen = new Set<string>();
    for (const info of this.find(name)) {
      const value = info.labels[label];
      if (value !== undefined) seen.add(value);
    }
    return [...seen];
  }
}

function withColors(series: Omit<ChartSeries, 'color'>[]): ChartSeries[] {
  return series.map((s, i) => ({ ...s, color: color(i) }));
}

function runsChart(r: Reader): Omit<ChartData, 'x'> {
  const series: Omit<ChartSeries, 'color'>[] = [];
  const started = r.total(METRIC.runsStarted);
  if (started) series.push({ label: 'started', style: 'step', values: started });
  for (const outcome of r.labelValues(METRIC.runsFinished, 'outcome')) {
    const values = r.total(METRIC.runsFinished, (l) => l.outcome === outcome);
    if (values) series.push({ label: outcome, style: 'step', values });
  }
  return {
    id: 'runs',
    title: 'Runs (total)',
    unit: 'count',
    series: withColors(series),
    empty: 'No run yet.',
  };
}

function nodeDurationChart(r: Reader): Omit<ChartData, 'x'> {
  const series: Omit<ChartSeries, 'color'>[] = [];
  for (const kind of r.labelValues(`${METRIC.nodeDuration}_count`, 'kind')) {
    const only = (l: Labels) => l.kind === kind;
    const sum = r.total(`${METRIC.nodeDuration}_sum`, only);
    const count = r.total(`${METRIC.nodeDuration}_count`, only);
    if (sum && count) series.push({ label: kind, style: 'points', values: meanPerInterval(sum, count) });
  }
  return {
    id: 'node-durations',
    title: 'Node durations (at finish)',
    unit: 'seconds',
    series: withColors(series),
    empty: 'No node has finished yet.',
  };
}

/** The Docker operations drawn apart from the overall mean: the busiest few. */
const BUSIEST_OPERATIONS = 3;

function dockerChart(r: Reader): Omit<ChartData, 'x'> {
  const sumName = `${METRIC.dockerCallDuration}_sum`;
  const countName = `${METRIC.dockerCallDuration}_count`;
  const series: Omit<ChartSeries, 'color'>[] = [];
  const sum = r.total(sumName);
  const count = r.total(countName);
  if (sum && count)
    series.push({ label: 'all calls', style: 'line', values: scale(meanPerInterval(sum, count), 1000) });
  const busiest = r
    .find(countName)
    .map((info) => ({ op: info.labels.operation ?? '', calls: growth(r.values(info)) }))
    .filter((o) => o.op !== '' && o.calls > 0)
    .sort((a, b) => b.calls - a.calls || a.op.localeCompare(b.op))
    .slice(0, BUSIEST_OPERATIONS);
  for (const { op } of busiest) {
    const only = (l: Labels) => l.operation === op;
    const opSum = r.total(sumName, only);
    const opCount = r.total(countName, only);
    if (opSum && opCount)
      series.push({ label: op, style: 'line', values: scale(meanPerInterval(opSum, opCount), 1000) });
  }
  return {
    id: 'docker',
    title: 'Docker API latency (mean per second)',
    unit: 'ms',
    series: withColors(series),
    empty: 'No Docker API call measured yet.',
  };
}

function failuresChart(r: Reader): Omit<ChartData, 'x'> {
  const series: Omit<ChartSeries, 'color'>[] = [];
  const add = (label: string, values: Values | null) => {
    if (values) series.push({ label, style: 'step', values });
  };
  add('retries', r.total(METRIC.taskRetries));
  add('timeouts', r.total(METRIC.taskTimeouts));
  add('Docker API errors', r.total(METRIC.dockerCallErrors));
  return {
    id: 'retries',
    title: 'Retries, timeouts and API errors (total)',
    unit: 'count',
    series: withColors(series),
    empty: 'No retry, timeout or API error yet.',
  };
}

function perNode(r: Reader, name: string, factor: number): Omit<ChartSeries, 'color'>[] {
  return r.labelValues(name, 'node').flatMap((node) => {
    const values = r.total(name, (l) => l.node === node);
    return values
      ? [{ label: node, style: 'line' as const, values: factor === 1 ? values : scale(values, factor) }]
      : [];
  });
}

function healthChart(r: Reader): Omit<ChartData, 'x'> {
  const series: Omit<ChartSeries, 'color'>[] = [];
  const nodes = [
    ...new Set([
      ...r.labelValues(METRIC.healthCheckFailures, 'node'),
      ...r.labelValues(METRIC.healthRestarts, 'node'),
    ]),
  ];
  for (const node of nodes) {
    const only = (l: Labels) => l.node === node;
    const failures = r.total(METRIC.healthCheckFailures, only);
    const restarts = r.total(METRIC.healthRestarts, only);
    if (failures) series.push({ label: `${node} check failures`, style: 'step', values: failures });
    if (restarts) series.push({ label: `${node} restarts`, style: 'step', values: restarts });
  }
  return {
    id: 'health',
    title: 'Health check failures and restarts (total)',
    unit: 'count',
    series: withColors(series),
    empty: 'No failed check and no restart yet.',
  };
}

/** Every chart of the panel, for the project (and node) in scope. */
export function buildCharts(buffer: MetricsBuffer, scope: ChartScope): ChartData[] {
  const r = new Reader(buffer, scope);
  const x = buffer.timeline().map((ms) => ms / 1000);
  const charts: Omit<ChartData, 'x'>[] = [
    {
      id: 'cpu',
      title: 'CPU per service',
      unit: 'percent',
      series: withColors(perNode(r, METRIC.containerCpu, 100)),
      empty: 'No container measured yet: run the topology.',
    },
    {
      id: 'memory',
      title: 'Memory per service',
      unit: 'bytes',
      series: withColors(perNode(r, METRIC.containerMemory, 1)),
      empty: 'No container measured yet: run the topology.',
    },
    healthChart(r),
    runsChart(r),
    nodeDurationChart(r),
    dockerChart(r),
    failuresChart(r),
  ];
  return charts.map((chart) => ({ ...chart, x }));
}

/** Nodes the metrics know of for the project (CPU, memory, health), in first-seen order. */
export function metricNodes(buffer: MetricsBuffer, project: string | null): string[] {
  const r = new Reader(buffer, { project, node: null });
  return [
    ...new Set([
      ...r.labelValues(METRIC.containerCpu, 'node'),
      ...r.labelValues(METRIC.containerMemory, 'node'),
      ...r.labelValues(METRIC.healthCheckFailures, 'node'),
      ...r.labelValues(METRIC.healthRestarts, 'node'),
    ]),
  ];
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** A value as the axis and the legend write it. */
export function formatValue(unit: ChartUnit, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'count':
      return Number.isInteger(value) ? String(value) : value.toFixed(1);
    case 'seconds':
      return value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(value < 10 ? 2 : 1)} s`;
    case 'ms':
      return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
    case 'percent':
      return `${value.toFixed(value < 10 ? 1 : 0)}%`;
    case 'bytes': {
      let v = value;
      let u = 0;
      while (Math.abs(v) >= 1024 && u < BYTE_UNITS.length - 1) {
        v /= 1024;
        u++;
      }
      return `${v.toFixed(v < 10 && u > 0 ? 1 : 0)} ${BYTE_UNITS[u]}`;
    }
  }
}
