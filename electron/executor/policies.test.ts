import { afterEach, describe, expect, it, vi } from 'vitest';
import { Executor } from './executor';
import { TaskError } from './task-error';
import { createBulkhead, createCircuitBreaker } from './targets';
import { TimeSkippingClock } from '../testing/time-skipping-clock';
import { deferred, expectLegalPaths, recorder, tick, untilAborted } from '../testing/executor-helpers';
import type { RetryOptions, TaskSpec } from './types';

const RETRY: RetryOptions = { maxAttempts: 5, initialDelayMs: 1_000, maxDelayMs: 60_000, random: () => 0.5 };

/** A task that fails with `error` for its first `failures` calls, then returns 'done'. */
function flaky(id: string, failures: number, error: () => Error, retry: RetryOptions = RETRY) {
  const calls: number[] = [];
  const task: TaskSpec = {
    id,
    policy: { retry },
    run: ({ attempt }) => {
      calls.push(attempt);
      return calls.length <= failures ? Promise.reject(error()) : 'done';
    },
  };
  return { task, calls };
}

describe('retry', () => {
  it('retries a transient failure with growing delays spent on the clock', async () => {
    const clock = new TimeSkippingClock();
    const startedAt: number[] = [];
    const { events, onEvent, of } = recorder();
    const task: TaskSpec = {
      id: 'job',
      policy: { retry: RETRY },
      run: ({ attempt }) => {
        startedAt.push(clock.now());
        return attempt <= 2 ? Promise.reject(TaskError.retryable(`exit 1 (attempt ${attempt})`)) : 'done';
      },
    };
    const result = await new Executor({ clock }).run([task], { onEvent });
    expect(result.tasks.get('job')).toEqual({ state: 'succeeded', attempts: 3, output: 'done' });
    const retrying = of('job').filter((event) => event.state === 'retrying');
    expect(retrying).toEqual([
      expect.objectContaining({
        attempt: 1,
        maxAttempts: 5,
        delayMs: 750,
        error: { kind: 'retryable', message: 'exit 1 (attempt 1)' },
      }),
      expect.objectContaining({ attempt: 2, maxAttempts: 5, delayMs: 1_500 }),
    ]);
    // The waits really happened, on the injected clock: attempt n+1 starts delayMs after attempt n.
    expect([(startedAt[1] ?? 0) - (startedAt[0] ?? 0), (startedAt[2] ?? 0) - (startedAt[1] ?? 0)]).toEqual([
      750, 1_500,
    ]);
    expect(of('job').map((event) => event.state)).toEqual([
      'pending',
      'running',
      'retrying',
      'running',
      'retrying',
      'running',
      'succeeded',
    ]);
    expectLegalPaths(events);
  });

  it('fails after the maximum number of attempts, the delays capped', async () => {
    const { task, calls } = flaky('job', 99, () => TaskError.retryable('still down'), {
      ...RETRY,
      maxAttempts: 4,
      maxDelayMs: 1_500,
      random: () => 0.999,
    });
    const { onEvent, of } = recorder();
    const result = await new Executor({ clock: new TimeSkippingClock() }).run([task], { onEvent });
    expect(calls).toEqual([1, 2, 3, 4]);
    expect(result.tasks.get('job')).toEqual({
      state: 'failed',
      attempts: 4,
      error: { kind: 'retryable', message: 'still down' },
    });
    expect(of('job').flatMap((event) => (event.delayMs === undefined ? [] : [event.delayMs]))).toEqual([
      1_000, 1_499, 1_499,
    ]);
  });

  it.each([
    ['fatal', () => TaskError.fatal('no such image')],
    ['invalid-input', () => TaskError.invalidInput('port out of range')],
    ['unknown', () => new Error('retry me, says the message')],
  ])('does not retry a %s error', async (kind, error) => {
    const { task, calls } = flaky('job', 1, error);
    const result = await new Executor({ clock: new TimeSkippingClock() }).run([task]);
    expect(calls).toEqual([1]);
    expect(result.tasks.get('job')?.error?.kind).toBe(kind);
  });

  it('retries unknown errors only when the policy lists them', async () => {
    const { task, calls } = flaky('job', 1, () => new Error('ECONNRESET'), {
      ...RETRY,
      retryOn: ['unknown'],
    });
    const result = await new Executor({ clock: new TimeSkippingClock() }).run([task]);
    expect(calls).toEqual([1, 2]);
    expect(result.tasks.get('job')?.state).toBe('succeeded');
  });

  it('stops waiting to retry when the run is cancelled', async () => {
    const controller = new AbortController();
    const { events, onEvent } = recorder();
    // The clock never fires: the only way out of the wait is cancellation.
    const clock = { now: () => 0, setTimeout: () => ({}), clearTimeout: () => undefined };
    const run = new Executor({ clock }).run([flaky('job', 1, () => TaskError.retryable('busy')).task], {
      signal: controller.signal,
      onEvent: (event) => {
        onEvent(event);
        if (event.state === 'retrying') controller.abort();
      },
    });
    const result = await run;
    expect(result.tasks.get('job')).toMatchObject({ state: 'cancelled', attempts: 1 });
    expect(events.map((event) => event.state)).toEqual(['pending', 'running', 'retrying', 'cancelled']);
  });
});

describe('timeout', () => {
  it('aborts the attempt signal and fails with kind timeout', async () => {
    let seen: AbortSignal | undefined;
    const result = await new Executor().run([
      {
        id: 'hangs',
        policy: { timeoutMs: 20 },
        run: ({ signal }) => {
          seen = signal;
          return untilAborted(signal);
        },
      },
    ]);
    expect(seen?.aborted).toBe(true);
    expect(result.tasks.get('hangs')?.error).toEqual({ kind: 'timeout', message: 'timed out after 20 ms' });
  });

  it('fails even a task that ignores its signal, and retries a timeout', async () => {
    const result = await new Executor({ clock: new TimeSkippingClock() }).run([
      {
        id: 'deaf',
        policy: { timeoutMs: 20, retry: { ...RETRY, maxAttempts: 2 } },
        run: ({ attempt }) => (attempt === 1 ? new Promise<never>(() => undefined) : 'second try'),
      },
    ]);
    expect(result.tasks.get('deaf')).toEqual({ state: 'succeeded', attempts: 2, output: 'second try' });
  });
});

describe('circuit breaker', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens after N consecutive failures, then fails fast without calling and without retrying', async () => {
    const dockerApi = createCircuitBreaker({
      name: 'docker-api',
      consecutiveFailures: 3,
      halfOpenAfterMs: 60_000,
    });
    let calls = 0;
    const call = (id: string): TaskSpec => ({
      id,
      policy: { breaker: dockerApi, retry: { ...RETRY, maxAttempts: 10 } },
      run: () => {
        calls++;
        return Promise.reject(TaskError.retryable('connect ECONNREFUSED /var/run/docker.sock'));
      },
    });
    const { events, onEvent, of } = recorder();
    const result = await new Executor({ concurrency: 1, clock: new TimeSkippingClock() }).run(
      [call('first'), call('second')],
      { onEvent },
    );
    expect(dockerApi.state).toBe('open');
    expect(calls).toBe(3);
    // Attempts 1-3 reached the engine and opened the circuit; attempt 4 was refused and not retried.
    expect(result.tasks.get('first')).toMatchObject({
      state: 'failed',
      attempts: 4,
      error: { kind: 'circuit-open' },
    });
    expect(result.tasks.get('second')).toMatchObject({
      state: 'failed',
      attempts: 1,
      error: { kind: 'circuit-open' },
    });
    expect(of('second').map((event) => event.state)).toEqual(['pending', 'running', 'failed']);
    expectLegalPaths(events);
  });

  it('lets one trial call through after the open period and closes again when it succeeds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const registry = createCircuitBreaker({
      name: 'registry',
      consecutiveFailures: 2,
      halfOpenAfterMs: 5_000,
    });
    let healthy = false;
    let calls = 0;
    const pull = (id: string): TaskSpec => ({
      id,
      policy: { breaker: registry },
      run: () => {
        calls++;
        return healthy ? 'pulled' : Promise.reject(TaskError.retryable('503'));
      },
    });
    const executor = new Executor({ concurrency: 1, clock: new TimeSkippingClock() });
    await executor.run([pull('a'), pull('b'), pull('c')]);
    expect(registry.state).toBe('open');
    expect(calls).toBe(2);

    healthy = true;
    vi.setSystemTime(Date.now() + 5_001);
    const recovered = await executor.run([pull('d'), pull('e')]);
    expect(calls).toBe(4);
    expect(registry.state).toBe('closed');
    expect([...recovered.tasks.values()].map((outcome) => outcome.state)).toEqual(['succeeded', 'succeeded']);
  });

  it('does not count invalid input against the target', async () => {
    const breaker = createCircuitBreaker({
      name: 'docker-api',
      consecutiveFailures: 1,
      halfOpenAfterMs: 60_000,
    });
    await new Executor().run([
      { id: 'bad', policy: { breaker }, run: () => Promise.reject(TaskError.invalidInput('bad port')) },
    ]);
    expect(breaker.state).toBe('closed');
  });
});

describe('bulkhead', () => {
  it('bounds the concurrent calls into a target across runs', async () => {
    const dockerApi = createBulkhead({ name: 'docker-api', limit: 2 });
    let inside = 0;
    let maxInside = 0;
    const call = (id: string): TaskSpec => ({
      id,
      policy: { bulkhead: dockerApi },
      run: async () => {
        inside++;
        maxInside = Math.max(maxInside, inside, dockerApi.active);
        for (let turn = 0; turn < 3; turn++) await tick();
        inside--;
      },
    });
    const executor = new Executor({ concurrency: 10 });
    const runs = await Promise.all([
      executor.run(['a', 'b', 'c', 'd'].map(call)),
      executor.run(['e', 'f', 'g'].map(call)),
    ]);
    expect(maxInside).toBe(2);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('leaves the queue at once when its run is cancelled', async () => {
    const target = createBulkhead({ name: 'docker-api', limit: 1 });
    const holder = deferred();
    const entered = deferred();
    const other = new Executor().run([
      {
        id: 'holder',
        policy: { bulkhead: target },
        run: async () => {
          entered.resolve();
          await holder.promise;
        },
      },
    ]);
    await entered.promise;
    const controller = new AbortController();
    let calls = 0;
    const waiting = new Executor().run([{ id: 'waiter', policy: { bulkhead: target }, run: () => ++calls }], {
      signal: controller.signal,
    });
    await tick();
    controller.abort();
    const result = await waiting;
    expect(result.tasks.get('waiter')).toMatchObject({ state: 'cancelled', error: { kind: 'cancelled' } });
    holder.resolve();
    await other;
    expect(calls).toBe(0);
  });
});
