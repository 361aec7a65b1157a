import { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, trace, type Context, type SpanContext } from '@opentelemetry/api';
import { W3CTraceContextPropagator, isTracingSuppressed, suppressTracing } from '@opentelemetry/core';

/*
 * The active trace context, carried through async work with AsyncLocalStorage. Dockwright keeps
 * its own store instead of registering a global OpenTelemetry context manager: several app
 * instances (tests, the CLI) live in one process, and nothing global should depend on which one
 * started first. Code that starts spans passes the context explicitly; code far below (the Docker
 * client) reads it from here.
 */
const storage = new AsyncLocalStorage<Context>();

export function activeContext(): Context {
  return storage.getStore() ?? ROOT_CONTEXT;
}

/** Runs `fn` with `context` active for everything it awaits or schedules. */
export function withContext<T>(context: Context, fn: () => T): T {
  return storage.run(context, fn);
}

/** Runs `fn` without creating spans below it (chatty polling: health probes, heartbeats). */
export function withoutTracing<T>(fn: () => T): T {
  return storage.run(suppressTracing(activeContext()), fn);
}

export function tracingSuppressed(context: Context): boolean {
  return isTracingSuppressed(context);
}

/** The span context active now, if a (sampled or not) span is active. */
export function activeSpanContext(): SpanContext | undefined {
  return trace.getSpanContext(activeContext());
}

const propagator = new W3CTraceContextPropagator();
const setter = {
  set(carrier: Record<string, string>, key: string, value: string) {
    carrier[key] = value;
  },
};
const getter = {
  get: (carrier: Record<string, string>, key: string) => carrier[key],
  keys: (carrier: Record<string, string>) => Object.keys(carrier),
};

/** The W3C `traceparent` (and `tracestate`) of the span in `context`. */
export function traceHeaders(context: Context): { traceparent?: string; tracestate?: string } {
  const carrier: Record<string, string> = {};
  propagator.inject(context, carrier, setter);
  return carrier;
}

/** A context that continues the caller's trace, or the root context for a bad or missing header. */
export function contextFromTraceparent(traceparent: string | undefined, tracestate?: string): Context {
  if (!traceparent) return ROOT_CONTEXT;
  const carrier: Record<string, string> = { traceparent };
  if (tracestate) carrier.tracestate = tracestate;
  return propagator.extract(ROOT_CONTEXT, carrier, getter);
}
