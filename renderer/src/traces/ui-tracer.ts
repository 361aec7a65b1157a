import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  defaultTextMapSetter,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanData } from '../../../shared/ipc/contract';
import { toSpanData } from '../../../shared/telemetry/span-data';
import type { AppStore } from '../store/app-store';

/*
 * The renderer's side of a trace: a span for what the user did (a click on Run), whose
 * `traceparent` goes with the request so the main side's spans join the same trace. The span is
 * also put into the store, so the waterfall shows the click as the trace's root.
 */

export interface UiTracer {
  /**
   * Runs `action` inside a new span named `name`, handing it the span's W3C traceparent to send
   * along. The span ends when the action settles, in error when it throws.
   */
  traced<T>(
    name: string,
    attributes: Attributes,
    action: (traceparent: string, span: Span) => Promise<T>,
  ): Promise<T>;
}

export function createUiTracer(sink: (span: SpanData) => void): UiTracer {
  const processor: SpanProcessor = {
    onStart: (span) => sink(toSpanData(span, false)),
    onEnd: (span) => sink(toSpanData(span, true)),
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
  const tracer = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('dockwright-renderer');
  const propagator = new W3CTraceContextPropagator();
  return {
    async traced(name, attributes, action) {
      const span = tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes }, ROOT_CONTEXT);
      const carrier: Record<string, string> = {};
      propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter);
      try {
        return await action(carrier['traceparent'] ?? '', span);
      } catch (error) {
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
        throw error;
      } finally {
        span.end();
      }
    },
  };
}

const tracers = new WeakMap<AppStore, UiTracer>();

/** The tracer of a window's store: its spans go into that store's traces. */
export function uiTracerFor(store: AppStore): UiTracer {
  let tracer = tracers.get(store);
  if (!tracer) {
    tracer = createUiTracer((span) => store.getState().applySpans({ spans: [span], dropped: 0 }));
    tracers.set(store, tracer);
  }
  return tracer;
}
