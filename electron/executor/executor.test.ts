import { describe, expect, it } from 'vitest';
import { defineTask } from './define-task';
import { Executor } from './executor';
import { GraphValidationError } from './graph';
import { TaskError } from './task-error';
import { TimeSkippingClock } from '../testing/time-skipping-clock';
import { deferred, expectLegalPaths, recorder, tick, untilAborted } from '../testing/executor-helpers';
import type { TaskSpec } from './types';

const executor = (concurrency = 8): Executor => new Executor({ concurrency, clock: new TimeSkippingClock() });

describe('Executor scheduling', () => {
  it('runs independent tasks in parallel up to the concurrency limit', async () => {
    let active = 0;
    let maxActive = 0;
    const tasks: TaskSpec[] = Array.from({ length: 12 }, (_, i) => ({
      id: `t${i}`,
      run: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        for (let turn = 0; turn < 3; turn++) await tick();
        active--;
        return i;
      },
    }));
    const { events, onEvent } = recorder();
    const result = await executor(3).run(tasks, { onEvent });
    expect(result.status).toBe('succeeded');
    expect(maxActive).toBe(3);
    expect([...result.tasks.values()].map((outcome) => outcome.output)).toEqual(tasks.map((_, i) => i));
    expectLegalPaths(events);
  });

  it('starts a task only after its dependencies and hands it their outputs', async () => {
    const order: string[] = [];
    const inputs = new Map<string, unknown>();
    const task = (id: string, ...dependsOn: string[]): TaskSpec => ({
      id,
      dependsOn,
      run: async ({ input }) => {
        order.push(`start ${id}`);
        inputs.set(id, input);
        await tick();
        order.push(`end ${id}`);
        return `${id}-out`;
      },
    });
    // Declared out of order on purpose: the graph decides, not the array.
    const result = await executor().run([task('d', 'b', 'c'), task('b', 'a'), task('c', 'a'), task('a')]);
    expect(result.status).toBe('succeeded');
    expect(order.indexOf('start b')).toBeGreaterThan(order.indexOf('end a'));
    expect(order.indexOf('start c')).toBeGreaterThan(order.indexOf('end a'));
    expect(order.indexOf('start d')).toBeGreaterThan(
      Math.max(order.indexOf('end b'), order.indexOf('end c')),
    );
    expect(inputs.get('a')).toEqual({});
    expect(inputs.get('d')).toEqual({ b: 'b-out', c: 'c-out' });
    expect([...result.tasks.keys()]).toEqual(['d', 'b', 'c', 'a']);
  });

  it('types inputs by dependency name with defineTask', async () => {
    const image = defineTask({ id: 'image', run: () => ({ imageId: 'sha256:1' }) });
    const port = defineTask({ id: 'port', run: () => 8080 });
    const start = defineTask({
      id: 'start',
      needs: { image, port },
      run: ({ input }) => `${input.image.imageId}@${input.port.toFixed(0)}`,
    });
    const result = await executor().run([image, port, start]);
    expect(result.tasks.get('start')?.output).toBe('sha256:1@8080');
  });

  it('skips the dependents of a failed task transitively, naming the cause, and runs the rest', async () => {
    const ran: string[] = [];
    const ok = (id: string, ...dependsOn: string[]): TaskSpec => ({
      id,
      dependsOn,
      run: () => {
        ran.push(id);
        return id;
      },
    });
    const { events, onEvent } = recorder();
    const result = await executor(2).run(
      [
        { id: 'db', run: () => Promise.reject(TaskError.fatal('image not found locally')) },
        ok('api', 'db'),
        ok('web', 'api'),
        ok('cache'),
        ok('worker', 'cache'),
        ok('both', 'cache', 'api'),
      ],
      { onEvent },
    );
    expect(result.status).toBe('failed');
    expect(result.tasks.get('db')).toEqual({
      state: 'failed',
      attempts: 1,
      error: { kind: 'fatal', message: 'image not found locally' },
    });
    expect(result.tasks.get('api')).toEqual({
      state: 'skipped',
      attempts: 0,
      reason: "dependency 'db' failed",
    });
    expect(result.tasks.get('web')?.reason).toBe("dependency 'api' was skipped because 'db' failed");
    expect(result.tasks.get('both')?.state).toBe('skipped');
    expect(ran.sort()).toEqual(['cache', 'worker']);
    expectLegalPaths(events);
  });

  it('cancels mid-run: running tasks see the abort, pending ones never start', async () => {
    const controller = new AbortController();
    const started: string[] = [];
    const sawAbort: string[] = [];
    const bothRunning = deferred();
    const blocking = (id: string): TaskSpec => ({
      id,
      run: async ({ signal }) => {
        started.push(id);
        if (started.length === 2) bothRunning.resolve();
        try {
          return await untilAborted(signal);
        } finally {
          if (signal.aborted) sawAbort.push(id);
        }
      },
    });
    const quick = (id: string, ...dependsOn: string[]): TaskSpec => ({
      id,
      dependsOn,
      run: () => started.push(id),
    });
    const { events, onEvent } = recorder();
    const run = executor(2).run([blocking('r1'), blocking('r2'), quick('queued'), quick('after', 'r1')], {
      signal: controller.signal,
      onEvent,
    });
    await bothRunning.promise;
    controller.abort();
    const result = await run;
    expect(result.status).toBe('cancelled');
    expect(sawAbort.sort()).toEqual(['r1', 'r2']);
    expect(started.sort()).toEqual(['r1', 'r2']);
    expect(result.tasks.get('r1')).toMatchObject({
      state: 'cancelled',
      attempts: 1,
      error: { kind: 'cancelled' },
    });
    expect(result.tasks.get('queued')).toEqual({
      state: 'cancelled',
      attempts: 0,
      reason: 'run cancelled before the task started',
    });
    expect(result.tasks.get('after')?.state).toBe('cancelled');
    expectLegalPaths(events);
  });

  it('starts nothing when the signal is already aborted', async () => {
    let calls = 0;
    const result = await executor().run([{ id: 'a', run: () => ++calls }], { signal: AbortSignal.abort() });
    expect(calls).toBe(0);
    expect(result).toEqual({
      status: 'cancelled',
      tasks: new Map([
        ['a', { state: 'cancelled', attempts: 0, reason: 'run cancelled before the task started' }],
      ]),
    });
  });

  it('skips the dependents of a task that cancels itself while the run goes on', async () => {
    const result = await executor().run([
      { id: 'gave-up', run: () => Promise.reject(new TaskError('cancelled', 'user stopped this node')) },
      { id: 'next', dependsOn: ['gave-up'], run: () => 1 },
      { id: 'other', run: () => 2 },
    ]);
    expect(result.tasks.get('next')).toEqual({
      state: 'skipped',
      attempts: 0,
      reason: "dependency 'gave-up' was cancelled",
    });
    expect(result.tasks.get('other')?.state).toBe('succeeded');
  });

  it('classifies plain errors as unknown and synchronous throws as failures', async () => {
    const result = await executor().run([
      {
        id: 'sync',
        run: () => {
          throw new Error('kaput');
        },
      },
    ]);
    expect(result.tasks.get('sync')?.error).toEqual({ kind: 'unknown', message: 'kaput' });
  });

  it('delivers progress of the running attempt with its timestamp', async () => {
    const clock = new TimeSkippingClock(Date.UTC(2026, 5, 1));
    const progress: unknown[] = [];
    await new Executor({ clock }).run(
      [
        {
          id: 'pull',
          run: ({ progress: report }) => {
            report({ message: 'layer 1/2', fraction: 0.5 });
            return 'ok';
          },
        },
      ],
      { onProgress: (event) => progress.push(event) },
    );
    expect(progress).toEqual([
      { taskId: 'pull', attempt: 1, at: '2026-06-01T00:00:00.000Z', message: 'layer 1/2', fraction: 0.5 },
    ]);
  });

  it('rejects an invalid graph before running anything', () => {
    let calls = 0;
    const run = (): number => ++calls;
    expect(() =>
      executor().run([
        { id: 'a', dependsOn: ['b'], run },
        { id: 'b', dependsOn: ['a'], run },
      ]),
    ).toThrow(GraphValidationError);
    expect(() => executor().run([{ id: 'a', dependsOn: ['nope'], run }])).toThrow("unknown task 'nope'");
    expect(calls).toBe(0);
  });

  it('rejects a concurrency below one', () => {
    expect(() => new Executor({ concurrency: 0 })).toThrow(RangeError);
  });
});
