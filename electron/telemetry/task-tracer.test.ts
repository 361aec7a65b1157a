import { ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import type { TaskEvent } from '../executor';
import { TaskTracer } from './task-tracer';

function setUp() {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] });
  const root = provider.getTracer('t').startSpan('run shop');
  const parent = trace.setSpan(ROOT_CONTEXT, root);
  const tracer = new TaskTracer(
    provider.getTracer('t'),
    undefined,
    parent,
    [
      ['db:start', { group: 'db', kind: 'service', phase: 'start' }],
      ['db:healthy', { group: 'db', kind: 'service', phase: 'healthy' }],
      ['seed', { group: 'seed', kind: 'job', phase: 'job' }],
      ['web:start', { group: 'web', kind: 'service', phase: 'start' }],
    ],
    { 'dockwright.run.id': 'r1' },
  );
  const at = '2026-01-01T00:00:00.000Z';
  const event = (taskId: string, state: TaskEvent['state'], extra: Partial<TaskEvent> = {}): void =>
    tracer.onEvent({ taskId, state, at, ...extra });
  const spans = (): ReadableSpan[] => memory.getFinishedSpans();
  const named = (name: string): ReadableSpan[] => spans().filter((span) => span.name === name);
  return { tracer, event, spans, named, root, parent };
}

describe('task events become spans', () => {
  it('one span per node, one child per attempt; the node ends with its last task', () => {
    const { tracer, event, named, root } = setUp();
    event('db:start', 'running', { attempt: 1, maxAttempts: 3 });
    const attemptContext = tracer.contextOf('db:start');
    const nodeContext = tracer.groupContext('db');
    expect(trace.getSpan(attemptContext)?.spanContext().spanId).not.toBe(
      trace.getSpan(nodeContext!)?.spanContext().spanId,
    );
    event('db:start', 'succeeded');
    // Between its tasks, a node's own context is where its next task runs.
    expect(tracer.contextOf('db:healthy')).toBe(nodeContext);
    event('db:healthy', 'running', { attempt: 1 });
    event('db:healthy', 'succeeded');

    const [node] = named('node db');
    expect(node?.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    expect(node?.attributes).toMatchObject({
      'dockwright.run.id': 'r1',
      'dockwright.node.id': 'db',
      'dockwright.node.kind': 'service',
      'dockwright.outcome': 'succeeded',
    });
    const [start] = named('start');
    expect(start?.parentSpanContext?.spanId).toBe(node?.spanContext().spanId);
    expect(start?.attributes).toMatchObject({
      'dockwright.run.id': 'r1',
      'dockwright.node.id': 'db',
      'dockwright.task.phase': 'start',
      'dockwright.attempt': 1,
      'dockwright.attempt.max': 3,
      'dockwright.outcome': 'succeeded',
    });
    expect(named('healthy')[0]?.attributes['dockwright.attempt.max']).toBeUndefined();
  });

  it('retries are events on the node; a failure marks the attempt and the node as errors', () => {
    const { event, named } = setUp();
    event('seed', 'running', { attempt: 1, maxAttempts: 2 });
    event('seed', 'retrying', {
      attempt: 1,
      delayMs: 500,
      error: { kind: 'retryable', message: 'exit 3' },
    });
    event('seed', 'running', { attempt: 2, maxAttempts: 2 });
    event('seed', 'failed', { attempt: 2, error: { kind: 'retryable', message: 'exit 3' } });

    const attempts = named('job');
    expect(attempts.map((span) => span.attributes['dockwright.attempt'])).toEqual([1, 2]);
    expect(attempts.map((span) => span.status.code)).toEqual([SpanStatusCode.ERROR, SpanStatusCode.ERROR]);
    const [node] = named('node seed');
    expect(node?.events.map((e) => [e.name, e.attributes?.['dockwright.retry.delay_ms']])).toEqual([
      ['retry', 500],
    ]);
    expect(node?.attributes).toMatchObject({ 'dockwright.outcome': 'failed', 'error.type': 'retryable' });
    expect(node?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'exit 3' });
  });

  it('a node that never ran is skipped, with its reason; an ended node lets go of its span', () => {
    const { tracer, event, named, parent } = setUp();
    event('web:start', 'skipped', { reason: 'db failed' });
    const [web] = named('node web');
    expect(web?.attributes['dockwright.outcome']).toBe('skipped');
    expect(web?.events.map((e) => [e.name, e.attributes?.['dockwright.reason']])).toEqual([
      ['skipped', 'db failed'],
    ]);
    // Ended: no context of its own any more, and further events of it start nothing.
    expect(tracer.groupContext('web')).toBeUndefined();
    expect(tracer.contextOf('web:start')).toBe(parent);
    event('web:start', 'cancelled', { reason: 'late' });
    expect(named('node web')).toHaveLength(1);
  });

  it('endAll ends what is still open, once', () => {
    const { tracer, event, spans } = setUp();
    event('db:start', 'running', { attempt: 1 });
    tracer.endAll();
    tracer.endAll();
    expect(
      spans()
        .map((span) => span.name)
        .sort(),
    ).toEqual(['node db', 'start']);
  });
});
