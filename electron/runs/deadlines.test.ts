import { describe, expect, it } from 'vitest';
import { TaskError } from '../executor';
import { healthGateDeadline, withDeadline } from './deadlines';

describe('deadlines', () => {
  it('derives the health gate from the healthcheck, with Docker defaults', () => {
    expect(
      healthGateDeadline({ test: 'true', interval: '1s', timeout: '1s', retries: 3, startPeriod: '2s' }),
    ).toEqual({
      ms: 2_000 + 4 * 1_000 + 1_000 + 5_000,
      because: 'start period 2 s + 4 × interval 1 s + timeout 1 s + 5 s slack',
    });
    // Docker's defaults: 30 s interval and timeout, 3 retries, no start period.
    expect(healthGateDeadline({ test: 'true' }).ms).toBe(4 * 30_000 + 30_000 + 5_000);
  });

  it('fails past the deadline with what was awaited and for how long, and aborts the work', async () => {
    let aborted: unknown;
    const error = await withDeadline(50, '"db" to become healthy', (signal) => {
      return new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => {
          aborted = signal.reason;
          reject(new Error('stopped'));
        }),
      );
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskError);
    expect(error).toMatchObject({
      kind: 'timeout',
      message: 'gave up waiting for "db" to become healthy after 0.1 s',
    });
    expect(aborted).toBe(error);
  });

  it('passes the result through in time, and a parent abort through', async () => {
    expect(await withDeadline(1_000, 'x', () => Promise.resolve(7))).toBe(7);
    const parent = new AbortController();
    const running = withDeadline(
      10_000,
      'x',
      (signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))),
      parent.signal,
    );
    parent.abort(new Error('cancelled'));
    await expect(running).rejects.toThrow('cancelled');
  });
});
