import { describe, expect, it } from 'vitest';
import { expectLegalPaths, recorder, tick } from '../testing/executor-helpers';
import { TimeSkippingClock } from '../testing/time-skipping-clock';
import { Executor } from './executor';
import { TaskError } from './task-error';
import type { TaskSpec } from './types';

const executor = () => new Executor({ concurrency: 4, clock: new TimeSkippingClock() });

describe('optional dependencies (Compose required: false)', () => {
  it('waits for an optional dependency, and starts even when it fails', async () => {
    const order: string[] = [];
    const tasks: TaskSpec[] = [
      {
        id: 'flaky',
        run: async () => {
          await tick();
          order.push('flaky failed');
          throw new TaskError('fatal', 'broken');
        },
      },
      { id: 'app', optionalDependsOn: ['flaky'], run: () => void order.push('app') },
    ];
    const { events, onEvent } = recorder();
    const result = await executor().run(tasks, { onEvent });
    expect(order).toEqual(['flaky failed', 'app']);
    expect(result.tasks.get('app')?.state).toBe('succeeded');
    expect(result.tasks.get('flaky')?.state).toBe('failed');
    // The run reports the failure all the same.
    expect(result.status).toBe('failed');
    expectLegalPaths(events);
  });

  it('starts after an optional dependency that was skipped, but is skipped when a required one fails', async () => {
    const fail = (id: string): TaskSpec => ({
      id,
      run: () => {
        throw new TaskError('fatal', `${id} broke`);
      },
    });
    const result = await executor().run([
      fail('root'),
      { id: 'middle', dependsOn: ['root'], run: () => 'm' },
      { id: 'soft', optionalDependsOn: ['middle'], run: () => 's' },
      { id: 'hard', dependsOn: ['middle'], run: () => 'h' },
    ]);
    expect(result.tasks.get('middle')?.state).toBe('skipped');
    expect(result.tasks.get('soft')?.state).toBe('succeeded');
    expect(result.tasks.get('hard')?.state).toBe('skipped');
  });

  it('treats a dependency listed both ways as required', async () => {
    const result = await executor().run([
      {
        id: 'db',
        run: () => {
          throw new TaskError('fatal', 'down');
        },
      },
      { id: 'api', dependsOn: ['db'], optionalDependsOn: ['db'], run: () => 'api' },
    ]);
    expect(result.tasks.get('api')?.state).toBe('skipped');
  });
});
