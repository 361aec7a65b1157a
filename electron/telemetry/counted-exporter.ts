import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TelemetryStatus } from '../../shared/ipc/contract';
import type { Clock } from '../common/clock';
import { processSecrets, type SecretValues } from '../common/secret-values';
import { MaskingExporter } from './masked-spans';
import type { DockwrightMetrics } from './metrics';
import type { OtlpConfig } from './otlp-config';

type ExportStatus = Extract<TelemetryStatus['export'], { enabled: true }>;

/**
 * Wraps the OTLP exporter to count what it sends and what fails, and to keep a status the UI can
 * show. A failure is reported to the batch processor as usual (which drops the batch); it never
 * reaches a run. Throwing exporters are contained too. The exporter's credentials are registered
 * as secrets, and the spans it sends have known secret values masked.
 */
export class CountedExporter implements SpanExporter {
  private current: ExportStatus;
  private readonly listeners = new Set<(status: ExportStatus) => void>();
  private readonly inner: SpanExporter;

  constructor(
    inner: SpanExporter,
    config: OtlpConfig,
    private readonly metrics: DockwrightMetrics,
    private readonly clock: Clock,
    private readonly secrets: SecretValues = processSecrets,
  ) {
    secrets.add(...config.secrets);
    this.inner = new MaskingExporter(inner, secrets);
    this.current = {
      enabled: true,
      // Shown in the UI and sent to every client: never the credentials in the URL.
      url: config.displayUrl,
      protocol: config.protocol,
      state: 'idle',
      exportedSpans: 0,
      failedBatches: 0,
      warnings: [...config.warnings],
    };
  }

  get status(): ExportStatus {
    return { ...this.current, warnings: [...this.current.warnings] };
  }

  onChange(listener: (status: ExportStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const done = (result: ExportResult) => {
      this.record(spans.length, result);
      resultCallback(result);
    };
    try {
      this.inner.export(spans, done);
    } catch (error) {
      done({
        code: ExportResultCode.FAILED,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
  }

  private record(count: number, result: ExportResult): void {
    const before = this.current.state;
    if (result.code === ExportResultCode.SUCCESS) {
      this.metrics.spansExported.inc(count);
      this.current = { ...this.current, state: 'ok', exportedSpans: this.current.exportedSpans + count };
    } else {
      this.metrics.exportFailures.inc();
      this.metrics.spansDropped.inc({ reason: 'export' }, count);
      this.current = {
        ...this.current,
        state: 'failing',
        failedBatches: this.current.failedBatches + 1,
        lastError: this.secrets.mask(result.error?.message ?? 'export failed'),
        lastErrorAt: new Date(this.clock.now()).toISOString(),
      };
    }
    if (this.current.state !== before || this.current.state === 'failing') {
      for (const listener of [...this.listeners]) listener(this.status);
    }
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.listeners.clear();
    return this.inner.shutdown();
  }
}
