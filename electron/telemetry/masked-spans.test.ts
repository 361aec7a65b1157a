import { SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import type { TelemetrySpans } from '../../shared/ipc/contract';
import { MASK, SecretValues } from '../common/secret-values';
import { MaskingExporter } from './masked-spans';
import { SpanFeedProcessor } from './span-feed';

describe('spans leave with known secret values masked', () => {
  it('in what exporters and the live feed get, the span itself untouched', async () => {
    const secrets = new SecretValues();
    secrets.add('canary-7f3a9c');
    const memory = new InMemorySpanExporter();
    const batches: TelemetrySpans[] = [];
    const feed = new SpanFeedProcessor({ sink: (batch) => batches.push(batch), secrets });
    const provider = new BasicTracerProvider({
      spanProcessors: [feed, new SimpleSpanProcessor(new MaskingExporter(memory, secrets))],
    });
    const span = provider.getTracer('t').startSpan('docker container.create', {
      attributes: { 'container.name': 'x', note: 'A=canary-7f3a9c', list: ['canary-7f3a9c', 'b'], n: 1 },
    });
    span.addEvent('retry', { reason: 'value canary-7f3a9c refused' });
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'engine: bad env canary-7f3a9c' });
    span.end();
    await feed.forceFlush();

    const [exported] = memory.getFinishedSpans();
    expect(exported?.attributes).toEqual({
      'container.name': 'x',
      note: `A=${MASK}`,
      list: [MASK, 'b'],
      n: 1,
    });
    expect(exported?.status.message).toBe(`engine: bad env ${MASK}`);
    expect(exported?.events[0]?.attributes).toEqual({ reason: `value ${MASK} refused` });
    expect(exported?.spanContext().spanId).toBe(span.spanContext().spanId);
    expect(exported?.ended).toBe(true);
    expect(JSON.stringify(batches)).not.toContain('canary-7f3a9c');
    expect(JSON.stringify(batches)).toContain(MASK);
    await provider.shutdown();
  });
});
