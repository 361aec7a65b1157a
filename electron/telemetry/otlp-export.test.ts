import { ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver } from '../testing/otlp-receiver';
import { METRIC } from './names';
import { Telemetry } from './telemetry';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function exportVia(protocol: 'http/json' | 'http/protobuf', receiverStatus?: number) {
  const receiver = await startOtlpReceiver(receiverStatus ? { status: receiverStatus } : {});
  cleanups.push(receiver.close);
  const telemetry = new Telemetry({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
      OTEL_SERVICE_NAME: 'dockwright-under-test',
    },
    defaultMetrics: false,
  });
  cleanups.push(() => telemetry.shutdown());
  const root = telemetry.tracer.startSpan('run shop', { attributes: { 'dockwright.run.id': 'r1' } });
  const child = telemetry.tracer.startSpan(
    'docker container.create',
    { attributes: { 'container.name': 'shop-db' } },
    trace.setSpan(ROOT_CONTEXT, root),
  );
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'no such image' });
  child.end();
  root.end();
  await telemetry.flush();
  return { receiver, telemetry, root, child };
}

describe('OTLP export to a local receiver', () => {
  it.each(['http/json', 'http/protobuf'] as const)(
    'delivers spans over %s, parent links and status intact',
    async (protocol) => {
      const { receiver, telemetry, root, child } = await exportVia(protocol);
      expect(receiver.requests[0]?.path).toBe('/v1/traces');
      expect(receiver.requests[0]?.contentType).toMatch(
        protocol === 'http/json' ? /^application\/json/ : /^application\/x-protobuf/,
      );
      const byName = new Map(receiver.spans.map((span) => [span.name, span]));
      const gotRoot = byName.get('run shop');
      const gotChild = byName.get('docker container.create');
      expect(gotRoot).toMatchObject({
        traceId: root.spanContext().traceId,
        spanId: root.spanContext().spanId,
        attributes: { 'dockwright.run.id': 'r1' },
        resource: { 'service.name': 'dockwright-under-test' },
      });
      expect(gotChild).toMatchObject({
        traceId: root.spanContext().traceId,
        spanId: child.spanContext().spanId,
        parentSpanId: root.spanContext().spanId,
        statusCode: 2,
        attributes: { 'container.name': 'shop-db' },
      });
      expect(telemetry.status().export).toMatchObject({
        enabled: true,
        state: 'ok',
        exportedSpans: 2,
        failedBatches: 0,
      });
      const exported = await telemetry.snapshot([METRIC.spansExported]);
      expect(exported.samples[0]?.value).toBe(2);
    },
  );

  it('counts a failing collector and says so, without throwing anywhere', async () => {
    const { telemetry } = await exportVia('http/json', 400);
    const status = telemetry.status().export;
    expect(status).toMatchObject({ enabled: true, state: 'failing', failedBatches: 1 });
    expect(status.enabled && status.lastError).toBeTruthy();
    const failures = await telemetry.snapshot([METRIC.exportFailures]);
    expect(failures.samples[0]?.value).toBe(1);
  });

  it('exports nothing, and says so, when no endpoint is set', () => {
    const telemetry = new Telemetry({ env: {}, defaultMetrics: false });
    cleanups.push(() => telemetry.shutdown());
    expect(telemetry.status()).toEqual({
      serviceName: 'dockwright',
      export: { enabled: false },
      feedDroppedSpans: 0,
    });
  });
});
