import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Clock } from '../common/clock';
import type { BreakerState, TargetCircuitBreaker } from '../executor';
import { METRIC, METRIC_PREFIX } from './names';
import { SCRAPE_STATS_HOLD_MS, StatsDemand } from './stats-demand';

/** One series value, as the renderer's charts take it. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'half-open', 'isolated'];

/** Seconds: from a fast Docker call (ms) to a slow image pull or a long job (minutes). */
const CALL_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const NODE_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

/** The series the Metrics panel charts live (pushed as `telemetry.metrics` every second). */
export const KEY_SERIES: readonly string[] = [
  METRIC.containerCpu,
  METRIC.containerMemory,
  METRIC.runsStarted,
  METRIC.runsFinished,
  METRIC.nodeDuration,
  METRIC.dockerCallDuration,
  METRIC.dockerCallErrors,
  METRIC.taskRetries,
  METRIC.taskTimeouts,
  METRIC.breakerState,
  METRIC.breakerRejections,
  METRIC.healthCheckFailures,
  METRIC.healthRestarts,
  METRIC.healthRecovery,
  METRIC.logLines,
  METRIC.logLinesDropped,
  METRIC.exportFailures,
];

/**
 * The app's metrics, on a registry of its own (never prom-client's global one: two app instances in
 * one process must not share counters). Services get this object and call the typed metrics on it.
 *
 * Label values are bounded: outcomes, node kinds, Docker operations, error types, breaker names,
 * and project/node ids (bounded by the user's topologies). Never a container id.
 */
export class DockwrightMetrics {
  readonly registry = new Registry();

  readonly runsStarted = this.counter(METRIC.runsStarted, 'Runs started.', []);
  readonly runsFinished = this.counter(METRIC.runsFinished, 'Runs finished, by outcome.', ['outcome']);
  readonly runDuration = this.histogram(
    METRIC.runDuration,
    'Run duration, by outcome.',
    ['outcome'],
    NODE_BUCKETS,
  );
  readonly nodeDuration = this.histogram(
    METRIC.nodeDuration,
    'Time from a node starting to it finishing (healthy, completed, failed), by kind and outcome.',
    ['kind', 'outcome'],
    NODE_BUCKETS,
  );
  readonly taskRetries = this.counter(METRIC.taskRetries, 'Attempts that failed and were retried.', ['kind']);
  readonly taskTimeouts = this.counter(METRIC.taskTimeouts, 'Attempts that ran past their timeout.', [
    'kind',
  ]);
  readonly breakerState = new Gauge({
    name: METRIC.breakerState,
    help: 'Circuit breaker state: 1 for the current state of each breaker, 0 for the others.',
    labelNames: ['breaker', 'state'],
    registers: [this.registry],
  });
  readonly breakerRejections = this.counter(
    METRIC.breakerRejections,
    'Calls refused because the circuit was open.',
    ['breaker'],
  );
  readonly dockerCallDuration = this.histogram(
    METRIC.dockerCallDuration,
    'Docker API call latency, by operation (streams: until the stream opened; waits: until the exit).',
    ['operation'],
    CALL_BUCKETS,
  );
  readonly dockerCallErrors = this.counter(METRIC.dockerCallErrors, 'Docker API calls that failed.', [
    'operation',
    'error_type',
  ]);
  readonly healthCheckFailures = this.counter(METRIC.healthCheckFailures, 'Failed health checks.', [
    'project',
    'node',
  ]);
  readonly healthRestarts = this.counter(METRIC.healthRestarts, 'Restarts made by the health monitor.', [
    'project',
    'node',
  ]);
  readonly healthRecovery = this.histogram(
    METRIC.healthRecovery,
    'Time from a service turning unhealthy to it being healthy again.',
    ['project', 'node'],
    NODE_BUCKETS,
  );
  readonly containerCpu = new Gauge({
    name: METRIC.containerCpu,
    help: "CPU used by a node's containers, in cores (1 = one core fully busy); replicas summed.",
    labelNames: ['project', 'node'],
    registers: [this.registry],
  });
  readonly containerMemory = new Gauge({
    name: METRIC.containerMemory,
    help: "Memory used by a node's containers (without the page cache); replicas summed.",
    labelNames: ['project', 'node'],
    registers: [this.registry],
  });
  readonly logLines = this.counter(METRIC.logLines, 'Container log lines forwarded, by stream.', ['stream']);
  readonly logLinesDropped = this.counter(
    METRIC.logLinesDropped,
    'Log lines dropped because a buffer was full (each drop is also shown as a marker line).',
    [],
  );
  readonly spansExported = this.counter(METRIC.spansExported, 'Spans sent to the OTLP endpoint.', []);
  readonly exportFailures = this.counter(
    METRIC.exportFailures,
    'OTLP export batches that failed (the run goes on).',
    [],
  );
  readonly spansDropped = this.counter(METRIC.spansDropped, 'Spans not delivered, by where.', ['reason']);

  /** Whether the container CPU and memory series are wanted now (and so read from the engine). */
  readonly statsDemand: StatsDemand;

  constructor(options: { defaults?: boolean; clock?: Clock } = {}) {
    this.statsDemand = new StatsDemand(options.clock);
    if (options.defaults !== false) collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(name: string, help: string, labelNames: L[], buckets: number[]) {
    return new Histogram<L>({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** Keeps the breaker's state gauge current; returns the unsubscribe. */
  observeBreaker(breaker: TargetCircuitBreaker): () => void {
    const show = (current: BreakerState) => {
      for (const state of BREAKER_STATES)
        this.breakerState.set({ breaker: breaker.name, state }, state === current ? 1 : 0);
    };
    show(breaker.state);
    const listener = breaker.policy.onStateChange(() => show(breaker.state));
    return () => listener.dispose();
  }

  /**
   * Prometheus text exposition format. A scrape asks for the containers' usage for a while: its
   * series are there from the next scrape on (the engine's first sample takes a second or two).
   */
  text(): Promise<string> {
    this.statsDemand.want('scrape', SCRAPE_STATS_HOLD_MS);
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * Current values of the named metrics (all of the app's when no names are given). Histograms
   * give `_sum` and `_count`, plus `_bucket` when `buckets` is set.
   */
  async samples(names?: readonly string[], buckets = false): Promise<MetricSample[]> {
    const metrics = (names ?? this.registry.getMetricsAsArray().map((metric) => metric.name)).flatMap(
      (name) => this.registry.getSingleMetric(name) ?? [],
    );
    const samples: MetricSample[] = [];
    for (const metric of metrics) {
      const data = await metric.get();
      for (const value of data.values as Array<{
        value: number;
        labels: Record<string, string | number | undefined>;
        metricName?: string;
      }>) {
        const name = value.metricName ?? data.name;
        if (!buckets && name.endsWith('_bucket')) continue;
        const labels: Record<string, string> = {};
        for (const [key, label] of Object.entries(value.labels))
          if (label !== undefined) labels[key] = String(label);
        samples.push({ name, labels, value: value.value });
      }
    }
    return samples;
  }
}
