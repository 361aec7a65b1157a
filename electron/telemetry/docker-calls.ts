import { SpanKind, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { activeContext, tracingSuppressed } from '../common/trace-context';
import type { DockwrightMetrics } from './metrics';
import { ATTR, SPAN, type DockerOperation } from './names';

export interface ObserveOptions<T> {
  /** Engine answers that are outcomes, not failures (404 on inspect, 304 on start). */
  expected?: (status: number) => boolean;
  /** Adds attributes from the result (an id, an exit code). */
  onResult?: (result: T, span: Span) => void;
}

/**
 * The one seam where Docker API calls are measured: a latency histogram and an error counter by
 * operation, and a client span when the call happens inside a traced operation (a run's node).
 * Calls outside any trace (the engine's ping, a health probe in the background) get metrics only,
 * so they do not litter the trace view with one-span traces.
 */
export interface DockerCallObserver {
  observe<T>(
    operation: DockerOperation,
    attributes: Attributes,
    call: () => Promise<T>,
    options?: ObserveOptions<T>,
  ): Promise<T>;
}

/** The engine's HTTP status, or the connection error's code (ECONNREFUSED), or the error's name. */
export function dockerErrorType(error: unknown): string {
  const err = error as { statusCode?: unknown; code?: unknown; name?: unknown } | null;
  if (typeof err?.statusCode === 'number') return String(err.statusCode);
  if (typeof err?.code === 'string' && /^[A-Z_]{3,32}$/.test(err.code)) return err.code;
  const message = (error as Error | null)?.message ?? '';
  if (/timeout/i.test(message)) return 'timeout';
  return typeof err?.name === 'string' && /^[A-Za-z]{1,40}$/.test(err.name) ? err.name : 'Error';
}

export function createDockerCallObserver(
  tracer: Tracer,
  metrics: DockwrightMetrics | undefined,
): DockerCallObserver {
  return {
    async observe(operation, attributes, call, options = {}) {
      const context = activeContext();
      const traced = trace.getSpan(context) !== undefined && !tracingSuppressed(context);
      const span = traced
        ? tracer.startSpan(
            SPAN.docker(operation),
            { kind: SpanKind.CLIENT, attributes: { ...attributes, [ATTR.dockerOperation]: operation } },
            context,
          )
        : undefined;
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        const result = await call();
        metrics?.dockerCallDuration.observe({ operation }, seconds());
        if (span) {
          options.onResult?.(result, span);
          span.end();
        }
        return result;
      } catch (error) {
        metrics?.dockerCallDuration.observe({ operation }, seconds());
        const status = (error as { statusCode?: unknown } | null)?.statusCode;
        const expected = typeof status === 'number' && options.expected?.(status) === true;
        if (!expected) metrics?.dockerCallErrors.inc({ operation, error_type: dockerErrorType(error) });
        if (span) {
          if (typeof status === 'number') span.setAttribute(ATTR.dockerStatus, status);
          if (!expected) {
            span.setAttribute(ATTR.errorType, dockerErrorType(error));
            span.setStatus({
              code: SpanStatusCode.ERROR,
              message: (error as Error)?.message ?? String(error),
            });
          }
          span.end();
        }
        throw error;
      }
    },
  };
}
