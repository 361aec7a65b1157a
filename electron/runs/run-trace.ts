import { ROOT_CONTEXT, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { RunSummary } from '../../shared/ipc/contract';
import { contextFromTraceparent, withContext } from '../common/trace-context';
import { ATTR, SPAN } from '../telemetry/names';
import type { Telemetry } from '../telemetry/telemetry';

/** The tracer runs use: the app's, or a no-op one when the service runs without telemetry. */
export function runTracer(telemetry: Telemetry | undefined): Tracer {
  return telemetry?.tracer ?? trace.getTracer('dockwright');
}

/** A run's root span, continuing the caller's trace (the click in the renderer) when given. */
export function startRunSpan(tracer: Tracer, project: string, runId: string, traceparent?: string): Span {
  return tracer.startSpan(
    SPAN.run(project),
    { attributes: { [ATTR.runId]: runId, [ATTR.project]: project } },
    contextFromTraceparent(traceparent),
  );
}

/** Ends the root span with the run's outcome and counts the run. */
export function finishRunSpan(
  span: Span,
  summary: RunSummary,
  telemetry: Telemetry | undefined,
  startedAt: number,
): void {
  span.setAttribute(ATTR.outcome, summary.state);
  if (summary.state === 'failed') {
    const failed = Object.values(summary.nodes)
      .filter((node) => node.state === 'failed')
      .map((node) => node.nodeId);
    span.setStatus({ code: SpanStatusCode.ERROR, message: `failed: ${failed.join(', ') || 'the run'}` });
  }
  span.end();
  telemetry?.metrics.runsFinished.inc({ outcome: summary.state });
  telemetry?.metrics.runDuration.observe({ outcome: summary.state }, (performance.now() - startedAt) / 1000);
}

/** Runs a project's cleanup inside a trace of its own, so its Docker calls show as one tree. */
export async function tracedCleanup<T extends { errors: string[] }>(
  tracer: Tracer,
  project: string,
  cleanup: () => Promise<T>,
): Promise<T> {
  const span = tracer.startSpan(SPAN.cleanup(project), { attributes: { [ATTR.project]: project } });
  try {
    const report = await withContext(trace.setSpan(ROOT_CONTEXT, span), cleanup);
    if (report.errors.length > 0)
      span.setStatus({ code: SpanStatusCode.ERROR, message: report.errors.slice(0, 3).join('; ') });
    return report;
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}
