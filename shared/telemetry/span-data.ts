import type { Attributes, HrTime, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { SpanData } from '../ipc/contract';

/*
 * OpenTelemetry's span -> the contract's SpanData, for the main side's span feed and the
 * renderer's own tracer alike. The maps are keyed by the enums' numbers so that this file needs
 * the OpenTelemetry packages for their types only.
 */

const KINDS: Record<SpanKind, SpanData['kind']> = {
  0: 'internal',
  1: 'server',
  2: 'client',
  3: 'producer',
  4: 'consumer',
};
const STATUS: Record<SpanStatusCode, SpanData['status']['code']> = {
  0: 'unset',
  1: 'ok',
  2: 'error',
};

/** Epoch milliseconds with the sub-millisecond part kept. */
const toMs = (time: HrTime): number => time[0] * 1e3 + time[1] / 1e6;

function plainAttributes(attributes: Attributes): SpanData['attributes'] {
  const result: SpanData['attributes'] = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    result[key] = Array.isArray(value)
      ? (value as Array<string | number | boolean | null | undefined>).map((item) => item ?? null)
      : value;
  }
  return result;
}

/**
 * The contract's form of a span (also used for spans still open: no endTime). `runId`, when
 * given, is the run the span belongs to.
 */
export function toSpanData(span: ReadableSpan, ended: boolean, runId?: string): SpanData {
  const context = span.spanContext();
  const parent = span.parentSpanContext?.spanId;
  return {
    traceId: context.traceId,
    spanId: context.spanId,
    ...(parent ? { parentSpanId: parent } : {}),
    ...(typeof runId === 'string' ? { runId } : {}),
    name: span.name,
    kind: KINDS[span.kind] ?? 'internal',
    startTime: toMs(span.startTime),
    ...(ended ? { endTime: toMs(span.endTime) } : {}),
    status: {
      code: STATUS[span.status.code] ?? 'unset',
      ...(span.status.message ? { message: span.status.message } : {}),
    },
    attributes: plainAttributes(span.attributes),
    events: span.events.map((event) => ({
      name: event.name,
      time: toMs(event.time),
      attributes: plainAttributes(event.attributes ?? {}),
    })),
  };
}
