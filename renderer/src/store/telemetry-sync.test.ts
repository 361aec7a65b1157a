import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../shared/ipc/contract';
import type { RequestContext } from '../../../shared/ipc/dispatcher';
import { TRACEPARENT_PATTERN } from '../../../shared/ipc/envelope';
import { startRun } from '../run/run-actions';
import { createAppStore } from './app-store';
import { startTelemetrySync } from './telemetry-sync';
import { fakeMainSide } from '../testing/main-side.fake';

const at = '2026-11-28T10:00:00.000Z';

/** The real contract client and dispatcher over an in-memory wire; events are pushed by hand. */
function mainSide() {
  const contexts: RequestContext[] = [];
  const summary: RunSummary = {
    runId: 'run-1',
    project: 'shop',
    idempotencyKey: 'k',
    state: 'running',
    startedAt: at,
    nodes: {},
  };
  const { api, pushBatch } = fakeMainSide({
    'runs.start': (_input, context) => {
      contexts.push(context);
      return summary;
    },
  });
  return { api, contexts, push: pushBatch };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('startTelemetrySync', () => {
  it('gathers pushed log lines and spans and hands them to the store once per flush', async () => {
    const side = mainSide();
    const store = createAppStore();
    const flushes: (() => void)[] = [];
    const stop = startTelemetrySync(side.api, store, (flush) => flushes.push(flush));

    const lines = Array.from({ length: 3 }, (_, i) => ({
      event: 'run.log',
      payload: { runId: 'run-1', nodeId: 'job', stream: 'stdout', text: `line ${i}`, at },
    }));
    side.push(lines);
    side.push([
      {
        event: 'telemetry.spans',
        payload: {
          spans: [
            {
              traceId: 'a'.repeat(32),
              spanId: 'b'.repeat(16),
              runId: 'run-1',
              name: 'run shop',
              kind: 'internal',
              startTime: 1,
              status: { code: 'unset' },
              attributes: {},
              events: [],
            },
          ],
          dropped: 2,
        },
      },
    ]);
    await settle();
    // Nothing reaches the store until the frame: one flush was asked for, however many events.
    expect(store.getState().logs.size).toBe(0);
    expect(flushes).toHaveLength(1);
    flushes[0]!();
    expect(store.getState().logsVersion).toBe(1);
    expect(store.getState().logs.ring('job')!.at(2).text).toBe('line 2');
    expect(store.getState().traces[0]!.label).toBe('run shop');
    expect(store.getState().spansDropped).toBe(2);

    stop();
    side.push(lines);
    await settle();
    expect(flushes).toHaveLength(1);
  });
});

describe('the Run click', () => {
  it('starts a trace in the renderer and sends its traceparent, which the main side receives', async () => {
    const side = mainSide();
    const store = createAppStore();
    await startRun(side.api, store);
    expect(store.getState().runError).toBeNull();
    const traceparent = side.contexts[0]?.traceparent;
    expect(traceparent).toMatch(TRACEPARENT_PATTERN);
    const [, traceId, spanId] = traceparent!.split('-');

    // The click span is in the store: ended, the root of the trace the main side continues.
    const trace = store.getState().traces.find((t) => t.traceId === traceId)!;
    const click = trace.spans.get(spanId!)!;
    expect(click.name).toBe('click Run');
    expect(click.parentSpanId).toBeUndefined();
    expect(click.endTime).toBeGreaterThanOrEqual(click.startTime);
    expect(click.attributes['dockwright.run.id']).toBe('run-1');
    expect(store.getState().run?.runId).toBe('run-1');
  });

  it('marks the click span as failed when the start is refused', async () => {
    const side = mainSide();
    const store = createAppStore();
    const api = {
      ...side.api,
      runs: { ...side.api.runs, start: () => Promise.reject(new Error('engine gone')) },
    } as typeof side.api;
    await startRun(api, store);
    expect(store.getState().runError).toBe('engine gone');
    const click = [...store.getState().traces[0]!.spans.values()][0]!;
    expect(click.status).toEqual({ code: 'error', message: 'engine gone' });
  });
});
