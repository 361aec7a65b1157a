import { describe, expect, it } from 'vitest';
import {
  IllegalTransitionError,
  TASK_STATES,
  type TaskState,
  canTransition,
  isTerminal,
  transition,
} from './task-state';

const LEGAL: ReadonlyArray<readonly [TaskState, TaskState]> = [
  ['pending', 'running'],
  ['pending', 'skipped'],
  ['pending', 'cancelled'],
  ['running', 'retrying'],
  ['running', 'succeeded'],
  ['running', 'failed'],
  ['running', 'cancelled'],
  ['retrying', 'running'],
  ['retrying', 'cancelled'],
];

describe('task state machine', () => {
  it.each(LEGAL)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(transition(from, to)).toBe(to);
  });

  it('rejects every transition that is not in the table', () => {
    const legal = new Set(LEGAL.map(([from, to]) => `${from}>${to}`));
    let rejected = 0;
    for (const from of TASK_STATES) {
      for (const to of TASK_STATES) {
        if (legal.has(`${from}>${to}`)) continue;
        expect(() => transition(from, to, 'db')).toThrow(IllegalTransitionError);
        rejected++;
      }
    }
    expect(rejected).toBe(TASK_STATES.length ** 2 - LEGAL.length);
  });

  it('names the task and both states in the error', () => {
    expect(() => transition('succeeded', 'running', 'api')).toThrow(
      "illegal task transition succeeded -> running (task 'api')",
    );
    expect(() => transition('retrying', 'failed')).toThrow('illegal task transition retrying -> failed');
  });

  it('knows the terminal states', () => {
    expect(TASK_STATES.filter(isTerminal)).toEqual(['succeeded', 'failed', 'skipped', 'cancelled']);
  });
});
