import type { Attributes } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { SecretValues } from '../common/secret-values';

function maskAttributes(attributes: Attributes, secrets: SecretValues): Attributes {
  const result: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    // Only strings can hold a secret; arrays of strings are the one array kind that can.
    const strings = Array.isArray(value) && value.some((item) => typeof item === 'string');
    result[key] =
      typeof value === 'string'
        ? secrets.mask(value)
        : strings
          ? (value as Array<string | null | undefined>).map((item) => (item ? secrets.mask(item) : item))
          : value;
  }
  return result;
}

/**
 * The span as exporters see it, with known secret values masked in its name, attributes, status
 * message and events (an engine's error message may quote a container's environment). The span
 * itself is left alone: the copy reads everything else through it.
 */
export function maskSpan(span: ReadableSpan, secrets: SecretValues): ReadableSpan {
  if (secrets.size === 0) return span;
  const overlay: Partial<Record<keyof ReadableSpan, unknown>> = {
    name: secrets.mask(span.name),
    attributes: maskAttributes(span.attributes, secrets),
    status: {
      ...span.status,
      ...(span.status.message === undefined ? {} : { message: secrets.mask(span.status.message) }),
    },
    events: span.events.map((event) => ({
      ...event,
      name: secrets.mask(event.name),
      ...(event.attributes ? { attributes: maskAttributes(event.attributes, secrets) } : {}),
    })),
  };
  return Object.create(
    span,
    Object.fromEntries(Object.entries(overlay).map(([key, value]) => [key, { value, enumerable: true }])),
  ) as ReadableSpan;
}

/** An exporter that hands its inner exporter masked spans (see `maskSpan`). */
export class MaskingExporter implements SpanExporter {
  constructor(
    private readonly inner: SpanExporter,
    private readonly secrets: SecretValues,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(
      spans.map((span) => maskSpan(span, this.secrets)),
      resultCallback,
    );
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}
