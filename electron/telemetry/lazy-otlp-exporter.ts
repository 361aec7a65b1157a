import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** What an OTLP trace exporter is made with. */
export interface OtlpExporterConfig {
  url: string;
  headers: Record<string, string>;
  timeoutMillis?: number;
}

/**
 * The OTLP exporter, loaded on its first batch: its libraries (protobufjs, the OTLP transformer,
 * gRPC's code) are hundreds of files that a process exporting nothing, or not yet, never loads
 * (`dockwright up` without an OTLP endpoint started 0.2 s later for them).
 */
export class LazyOtlpExporter implements SpanExporter {
  private inner: Promise<SpanExporter> | undefined;
  private stopped = false;

  constructor(
    private readonly protocol: 'http/json' | 'http/protobuf',
    private readonly config: OtlpExporterConfig,
  ) {}

  private load(): Promise<SpanExporter> {
    this.inner ??=
      this.protocol === 'http/json'
        ? import('@opentelemetry/exporter-trace-otlp-http').then((m) => new m.OTLPTraceExporter(this.config))
        : import('@opentelemetry/exporter-trace-otlp-proto').then(
            (m) => new m.OTLPTraceExporter(this.config),
          );
    return this.inner;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('the exporter is shut down') });
      return;
    }
    this.load().then(
      (exporter) => exporter.export(spans, resultCallback),
      (error: unknown) =>
        resultCallback({
          code: ExportResultCode.FAILED,
          error: error instanceof Error ? error : new Error(String(error)),
        }),
    );
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    if (this.inner) await (await this.inner).shutdown();
  }

  async forceFlush(): Promise<void> {
    if (this.inner) await (await this.inner).forceFlush?.();
  }
}
