import { BrokenCircuitError, BulkheadRejectedError, IsolatedCircuitError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { TaskError, toTaskError } from './task-error';

describe('toTaskError', () => {
  it('keeps the kind of an error that already has one', () => {
    const error = TaskError.fatal('image missing');
    expect(toTaskError(error)).toBe(error);
    expect(toTaskError(TaskError.invalidInput('bad')).toData()).toEqual({
      kind: 'invalid-input',
      message: 'bad',
    });
  });

  it('classifies an unclassified error as unknown, whatever its message says', () => {
    expect(toTaskError(new Error('ECONNREFUSED, please retry')).kind).toBe('unknown');
    expect(toTaskError('boom').toData()).toEqual({ kind: 'unknown', message: 'boom' });
  });

  it('maps cockatiel errors to kinds', () => {
    expect(toTaskError(new BrokenCircuitError()).kind).toBe('circuit-open');
    expect(toTaskError(new IsolatedCircuitError()).kind).toBe('circuit-open');
    expect(toTaskError(new BulkheadRejectedError(1, 0)).kind).toBe('retryable');
  });

  it('lets cancellation and timeout win over what the task threw', () => {
    const thrown = TaskError.retryable('socket hang up');
    expect(toTaskError(thrown, { cancelled: true }).kind).toBe('cancelled');
    expect(toTaskError(thrown, { timedOutAfterMs: 50 }).toData()).toEqual({
      kind: 'timeout',
      message: 'timed out after 50 ms',
    });
    expect(toTaskError(thrown, { timedOutAfterMs: 50 }).cause).toBe(thrown);
  });
});
