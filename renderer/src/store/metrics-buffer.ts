import type { MetricSample, TelemetryMetrics } from '../../../shared/ipc/contract';

/** Samples kept: ten minutes at one sample a second. */
export const METRIC_SAMPLES_KEPT = 600;
/** Series kept at most; label values are bounded on the main side, this is the backstop. */
export const METRIC_SERIES_KEPT = 2_000;

/** `name{a="1",b="2"}`, labels sorted: the same series whatever order its labels came in. */
export function seriesKey(name: string, labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return name;
  return `${name}{${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(',')}}`;
}

export interface SeriesInfo {
  readonly key: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

interface Series extends SeriesInfo {
  /** Aligned with the buffer's time ring; NaN where the series had no sample. */
  readonly values: Float64Array;
  /** The sample number (see `count`) it last had a value at. */
  seen: number;
}

/**
 * The metric samples of the last minutes, one ring of times shared by every series so that the
 * charts get aligned columns (what uPlot takes) without any joining. Mutable on purpose: one
 * append a second touches each series once; the store bumps a version number to tell readers.
 */
export class MetricsBuffer {
  private readonly times: Float64Array;
  private readonly series = new Map<string, Series>();
  private readonly byName = new Map<string, Series[]>();
  /** Samples appended since the start (the ring's write position is `count % capacity`). */
  private count = 0;
  /** Series not kept because there were too many. */
  droppedSeries = 0;

  constructor(
    readonly capacity = METRIC_SAMPLES_KEPT,
    readonly maxSeries = METRIC_SERIES_KEPT,
  ) {
    this.times = new Float64Array(capacity);
  }

  get length(): number {
    return Math.min(this.count, this.capacity);
  }

  /** The time of the newest sample (epoch ms), or undefined when empty. */
  get lastTime(): number | undefined {
    return this.count === 0 ? undefined : this.times[(this.count - 1) % this.capacity];
  }

  /**
   * Adds one batch as one point in time. A batch older than the newest is dropped (the charts
   * need ascending times); one at the same time is merged into that point.
   */
  append(batch: TelemetryMetrics): boolean {
    const last = this.lastTime;
    if (last !== undefined && batch.at < last) return false;
    let slot: number;
    if (last !== undefined && batch.at === last) {
      slot = (this.count - 1) % this.capacity;
    } else {
      slot = this.count % this.capacity;
      this.times[slot] = batch.at;
      this.count++;
      for (const series of this.series.values()) {
        // Out of the window altogether (a node that is gone): let it go.
        if (this.count - series.seen >= this.capacity) this.forget(series);
        else series.values[slot] = NaN;
      }
    }
    for (const sample of batch.samples) this.put(sample, slot);
    return true;
  }

  private put(sample: MetricSample, slot: number): void {
    const key = seriesKey(sample.name, sample.labels);
    let series = this.series.get(key);
    if (!series) {
      if (this.series.size >= this.maxSeries) {
        this.droppedSeries++;
        return;
      }
      series = {
        key,
        name: sample.name,
        labels: { ...sample.labels },
        values: new Float64Array(this.capacity),
        seen: this.count,
      };
      series.values.fill(NaN);
      this.series.set(key, series);
      const named = this.byName.get(sample.name);
      if (named) named.push(series);
      else this.byName.set(sample.name, [series]);
    }
    series.values[slot] = sample.value;
    series.seen = this.count;
  }

  private forget(series: Series): void {
    this.series.delete(series.key);
    const named = this.byName.get(series.name);
    const at = named?.indexOf(series) ?? -1;
    if (named && at >= 0) named.splice(at, 1);
    if (named?.length === 0) this.byName.delete(series.name);
  }

  /** The times of the kept samples, oldest first (epoch ms). */
  timeline(): number[] {
    return this.column(this.times);
  }

  /** A series' values aligned with `timeline()`, null where it had no sample. */
  values(key: string): (number | null)[] {
    const series = this.series.get(key);
    if (!series) return new Array<null>(this.length).fill(null);
    return this.column(series.values).map((v) => (Number.isNaN(v) ? null : v));
  }

  /** The series of a metric, optionally only those whose labels pass `where`; in first-seen order. */
  find(name: string, where?: (labels: Readonly<Record<string, string>>) => boolean): SeriesInfo[] {
    const named = this.byName.get(name) ?? [];
    return where ? named.filter((s) => where(s.labels)) : [...named];
  }

  /** Every kept series. */
  keys(): string[] {
    return [...this.series.keys()];
  }

  clear(): void {
    this.count = 0;
    this.series.clear();
    this.byName.clear();
    this.droppedSeries = 0;
  }

  private column(ring: Float64Array): number[] {
    const n = this.length;
    const start = this.count > this.capacity ? this.count % this.capacity : 0;
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = ring[(start + i) % this.capacity]!;
    return out;
  }
}
