import type { Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { EventName, EventPayload, TelemetryMetrics, TelemetryStatus } from '../../shared/ipc/contract';
import { systemClock, type Clock, type Timer } from '../common/clock';
import { CountedExporter } from './counted-exporter';
import { LazyOtlpExporter } from './lazy-otlp-exporter';
import { createDockerCallObserver, type DockerCallObserver } from './docker-calls';
import type { Logger } from '../common/logger';
import { DockwrightMetrics, KEY_SERIES } from './metrics';
import { ATTR } from './names';
import {
  containerOtelEnv,
  otlpConfigFromEnv,
  parseKeyValues,
  serviceNameFrom,
  type OtlpConfig,
} from './otlp-config';
import { SpanFeedProcessor } from './span-feed';
import { SwitchableProcessor } from './switchable-processor';

type TelemetryEvent = Extract<EventName, `telemetry.${string}`>;

export interface TelemetryOptions {
  /** Where OTEL_* settings are read from (the process's environment by default). */
  env?: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
  logger?: Logger;
  /** Receives the `telemetry.*` events (the event hub). Without it there is no live feed. */
  emit?: <E extends TelemetryEvent>(event: E, payload: EventPayload<E>) => void;
  /** More exporters, each behind a simple (synchronous) processor: tests pass an in-memory one. */
  exporters?: SpanExporter[];
  /** How often key metric series are pushed (when they changed); 0 turns the push off. */
  metricsIntervalMs?: number;
  /** Node process metrics (CPU, memory, event loop, GC) on the registry. */
  defaultMetrics?: boolean;
  /** Batch processor settings of the OTLP exporter (tests make it quick). */
  exportDelayMs?: number;
}

/**
 * The app's telemetry: one tracer provider (live feed to the renderer, OTLP export when
 * configured, extra exporters for tests), one metrics registry, and the Docker call observer.
 * Nothing here is global: each app instance has its own, disposed with it.
 */
export class Telemetry {
  readonly metrics: DockwrightMetrics;
  readonly tracer: Tracer;
  readonly dockerCalls: DockerCallObserver;
  readonly serviceName: string;
  private otlpConfig: OtlpConfig | undefined;
  private readonly provider: BasicTracerProvider;
  private readonly feed: SpanFeedProcessor | undefined;
  private exporter: CountedExporter | undefined;
  private readonly otlpSlot = new SwitchableProcessor();
  private readonly clock: Clock;
  private metricsTimer: Timer | undefined;
  private lastPushed: string | undefined;
  private closed = false;

  constructor(private readonly options: TelemetryOptions = {}) {
    const env = options.env ?? process.env;
    this.clock = options.clock ?? systemClock;
    this.serviceName = serviceNameFrom(env);
    this.otlpConfig = otlpConfigFromEnv(env);
    this.metrics = new DockwrightMetrics({ defaults: options.defaultMetrics ?? true, clock: this.clock });
    const processors: SpanProcessor[] = [];
    const emit = options.emit;
    if (emit) {
      this.feed = new SpanFeedProcessor({
        sink: (batch) => emit('telemetry.spans', batch),
        clock: this.clock,
        onDropped: (count) => this.metrics.spansDropped.inc({ reason: 'feed' }, count),
      });
      processors.push(this.feed);
    }
    void this.otlpSlot.replace(this.exportProcessor(this.otlpConfig));
    processors.push(this.otlpSlot);
    for (const exporter of options.exporters ?? []) processors.push(new SimpleSpanProcessor(exporter));
    this.provider = new BasicTracerProvider({
      // Every span is recorded: the live waterfall shows all of a run, whatever a caller sampled.
      sampler: new AlwaysOnSampler(),
      resource: resourceFromAttributes({
        ...parseKeyValues(env.OTEL_RESOURCE_ATTRIBUTES),
        [ATTR.serviceName]: this.serviceName,
      }),
      spanProcessors: processors,
    });
    this.tracer = this.provider.getTracer('dockwright');
    this.dockerCalls = createDockerCallObserver(this.tracer, this.metrics);
    const interval = options.metricsIntervalMs ?? 1_000;
    if (emit && interval > 0) this.scheduleMetrics(interval);
  }

  /** Where spans are exported over OTLP now, if anywhere. */
  get otlp(): OtlpConfig | undefined {
    return this.otlpConfig;
  }

  /** The OTLP exporter and its batch processor for `otlp`, or undefined when there is none. */
  private exportProcessor(otlp: OtlpConfig | undefined): SpanProcessor | undefined {
    this.exporter = undefined;
    if (!otlp) return undefined;
    const config = {
      url: otlp.url,
      headers: { ...otlp.headers },
      ...(otlp.timeoutMs ? { timeoutMillis: otlp.timeoutMs } : {}),
    };
    const inner = new LazyOtlpExporter(otlp.protocol, config);
    const exporter = new CountedExporter(inner, otlp, this.metrics, this.clock);
    this.exporter = exporter;
    exporter.onChange(() => {
      if (this.exporter === exporter) this.options.emit?.('telemetry.status', this.status());
    });
    for (const warning of otlp.warnings) this.options.logger?.warn({ url: otlp.url }, warning);
    this.options.logger?.info({ url: otlp.url, protocol: otlp.protocol }, 'exporting spans over OTLP');
    return new BatchSpanProcessor(exporter, {
      scheduledDelayMillis: this.options.exportDelayMs ?? 1_000,
      maxQueueSize: 4_096,
      maxExportBatchSize: 512,
    });
  }

  /**
   * Restarts the OTLP exporter with other settings (the settings screen), or stops it: spans
   * already queued are sent to the old endpoint first (bounded by its timeout).
   */
  async setOtlp(otlp: OtlpConfig | undefined): Promise<void> {
    if (this.closed) return;
    this.otlpConfig = otlp;
    const next = this.exportProcessor(otlp);
    if (!otlp) this.options.logger?.info('span export over OTLP off');
    try {
      await this.otlpSlot.replace(next);
    } catch (error) {
      this.options.logger?.debug({ err: error }, 'the previous OTLP exporter did not shut down cleanly');
    }
    this.options.emit?.('telemetry.status', this.status());
  }

  private scheduleMetrics(intervalMs: number): void {
    this.metricsTimer = this.clock.setTimeout(() => {
      void this.snapshot(KEY_SERIES)
        .then((payload) => {
          // Only when something moved: an idle app sends nothing (charts carry the last value on).
          // The first reading is the baseline (a client asks `telemetry.metrics` for it).
          const key = JSON.stringify(payload.samples);
          const first = this.lastPushed === undefined;
          if (this.closed || key === this.lastPushed) return;
          this.lastPushed = key;
          if (!first) this.options.emit?.('telemetry.metrics', payload);
        })
        .catch((error: unknown) => this.options.logger?.warn({ err: error }, 'metrics snapshot failed'))
        .finally(() => {
          if (!this.closed) this.scheduleMetrics(intervalMs);
        });
    }, intervalMs);
    this.metricsTimer.unref?.();
  }

  /** Current values of some (or all) metrics, for the charts. */
  async snapshot(names?: readonly string[], buckets = false): Promise<TelemetryMetrics> {
    const samples = await this.metrics.samples(names, buckets);
    return { at: this.clock.now(), samples: samples.filter((sample) => Number.isFinite(sample.value)) };
  }

  status(): TelemetryStatus {
    return {
      serviceName: this.serviceName,
      export: this.exporter ? this.exporter.status : { enabled: false },
      feedDroppedSpans: this.feed?.droppedSpans ?? 0,
    };
  }

  /** OTEL_* variables for a container, when spans are exported (see `containerOtelEnv`). */
  containerEnv(identity: { serviceName: string; project: string; nodeId: string; runId: string }) {
    return containerOtelEnv(this.otlp, identity);
  }

  /** Sends every finished span on its way now (live feed and exporters). */
  async flush(): Promise<void> {
    try {
      await this.provider.forceFlush();
    } catch (error) {
      // Already counted and shown by the exporter's status: a collector's trouble stays its own.
      this.options.logger?.debug({ err: error }, 'span flush failed');
    }
  }

  /** Flushes and stops: pending spans are exported (bounded by the exporter's timeout). */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.metricsTimer) this.clock.clearTimeout(this.metricsTimer);
    this.metrics.statsDemand.dispose();
    try {
      await this.provider.shutdown();
    } catch (error) {
      this.options.logger?.warn({ err: error }, 'telemetry shutdown failed');
    }
  }
}
