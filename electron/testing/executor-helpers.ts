import { expect } from 'vitest';
import { TaskError } from '../executor/task-error';
import { transition } from '../executor/task-state';
import type { TaskEvent } from '../executor/types';

/** A promise with its resolver, to let a test decide when a task finishes. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** Lets the event loop turn once, so concurrently started tasks really overlap. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Resolves when `signal` aborts, rejecting as a task that honours cancellation would. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const stop = (): void => reject(new TaskError('cancelled', 'stopped on abort'));
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}

export function recorder(): {
  events: TaskEvent[];
  onEvent: (event: TaskEvent) => void;
  of: (id: string) => TaskEvent[];
} {
  const events: TaskEvent[] = [];
  return {
    events,
    onEvent: (event) => events.push(event),
    of: (id) => events.filter((event) => event.taskId === id),
  };
}

/** Every task's events start with `pending` and follow the state machine, ending in a terminal. */
export function expectLegalPaths(events: readonly TaskEvent[]): void {
  const states = new Map<string, TaskEvent['state']>();
  for (const event of events) {
    const from = states.get(event.taskId);
    if (from === undefined) {
      expect(event.state).toBe('pending');
      states.set(event.taskId, 'pending');
    } else {
      states.set(event.taskId, transition(from, event.state, event.taskId));
    }
  }
  for (const [, state] of states) expect(['succeeded', 'failed', 'skipped', 'cancelled']).toContain(state);
}
