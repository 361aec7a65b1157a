import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Executor } from './executor';
import { TaskError } from './task-error';
import type { TaskState } from './task-state';
import { TimeSkippingClock } from '../testing/time-skipping-clock';
import { expectLegalPaths, recorder, tick } from '../testing/executor-helpers';
import type { TaskSpec } from './types';

type Behaviour = 'ok' | 'fatal' | 'flaky' | 'self-cancel';

const graphs = fc
  .array(
    fc.record({
      picks: fc.array(fc.nat(), { maxLength: 3 }),
      behaviour: fc.constantFrom<Behaviour>('ok', 'ok', 'ok', 'fatal', 'flaky', 'self-cancel'),
    }),
    { minLength: 1, maxLength: 25 },
  )
  .map((specs) =>
    specs.map((spec, index) => ({
      behaviour: spec.behaviour,
      deps: index === 0 ? [] : [...new Set(spec.picks.map((pick) => pick % index))],
    })),
  );

describe('Executor on random graphs', () => {
  it('keeps every invariant, with or without cancellation', async () => {
    await fc.assert(
      fc.asyncProperty(
        graphs,
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.integer({ min: 1, max: 10 })),
        async (nodes, concurrency, cancelAfterStarts) => {
          const controller = new AbortController();
          const { events, onEvent } = recorder();
          const states = new Map<string, TaskState>();
          let active = 0;
          let maxActive = 0;
          let starts = 0;
          const violations: string[] = [];
          const tasks: TaskSpec[] = nodes.map((node, index) => ({
            id: `t${index}`,
            dependsOn: node.deps.map((dep) => `t${dep}`),
            policy: { retry: { maxAttempts: 2, initialDelayMs: 100, maxDelayMs: 1_000 } },
            run: async ({ attempt, signal }) => {
              if (attempt === 1) {
                starts++;
                if (controller.signal.aborted) violations.push(`t${index} started after cancel`);
                for (const dep of node.deps) {
                  if (states.get(`t${dep}`) !== 'succeeded')
                    violations.push(`t${index} started before t${dep}`);
                }
                if (starts === cancelAfterStarts) controller.abort();
              }
              active++;
              maxActive = Math.max(maxActive, active);
              try {
                await tick();
                if (signal.aborted) throw new TaskError('cancelled', 'aborted');
                if (node.behaviour === 'fatal') throw TaskError.fatal('broken');
                if (node.behaviour === 'self-cancel') throw new TaskError('cancelled', 'gave up');
                if (node.behaviour === 'flaky' && attempt === 1) throw TaskError.retryable('flaky');
                return index;
              } finally {
                active--;
              }
            },
          }));
          const result = await new Executor({ concurrency, clock: new TimeSkippingClock() }).run(tasks, {
            signal: controller.signal,
            onEvent: (event) => {
              states.set(event.taskId, event.state);
              onEvent(event);
            },
          });

          expect(violations).toEqual([]);
          expect(maxActive).toBeLessThanOrEqual(concurrency);
          expectLegalPaths(events);
          expect(result.tasks.size).toBe(nodes.length);
          nodes.forEach((node, index) => {
            const outcome = result.tasks.get(`t${index}`);
            const depsOk = node.deps.every((dep) => result.tasks.get(`t${dep}`)?.state === 'succeeded');
            if (outcome?.state === 'skipped') expect(depsOk).toBe(false);
            if (!controller.signal.aborted && depsOk) {
              const expected = {
                ok: 'succeeded',
                flaky: 'succeeded',
                fatal: 'failed',
                'self-cancel': 'cancelled',
              };
              expect(outcome?.state).toBe(expected[node.behaviour]);
            }
          });
          const allSucceeded = [...result.tasks.values()].every((outcome) => outcome.state === 'succeeded');
          expect(result.status).toBe(
            controller.signal.aborted ? 'cancelled' : allSucceeded ? 'succeeded' : 'failed',
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
