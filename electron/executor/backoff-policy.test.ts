import { describe, expect, it } from 'vitest';
import { Executor } from './executor';
import { TaskError } from './task-error';
import { TimeSkippingClock } from '../testing/time-skipping-clock';
import type { RetryOptions } from './types';

/** The virtual time between attempts of a task that always fails, under `retry`. */
async function gaps(retry: RetryOptions): Promise<number[]> {
  const clock = new TimeSkippingClock();
  const startedAt: number[] = [];
  await new Executor({ clock }).run([
    {
      id: 'job',
      policy: { retry },
      run: () => {
        startedAt.push(clock.now());
        return Promise.reject(TaskError.retryable('exit 1'));
      },
    },
  ]);
  return startedAt.slice(1).map((at, i) => at - (startedAt[i] ?? 0));
}

const BASE = { maxAttempts: 5, initialDelayMs: 1_000, maxDelayMs: 600_000 } as const;

describe('retry backoff on a skipping clock, field by field', () => {
  it('multiplier: each wait is the previous one times the multiplier', async () => {
    expect(await gaps({ ...BASE, multiplier: 3, jitter: 0 })).toEqual([1_000, 3_000, 9_000, 27_000]);
    expect(await gaps({ ...BASE, multiplier: 1.5, jitter: 0 })).toEqual([1_000, 1_500, 2_250, 3_375]);
  });

  it('max: no wait is longer', async () => {
    expect(await gaps({ ...BASE, maxDelayMs: 4_000, multiplier: 4, jitter: 0 })).toEqual([
      1_000, 4_000, 4_000, 4_000,
    ]);
  });

  it('jitter 1 (full): a wait falls anywhere from 0 to its base', async () => {
    expect(await gaps({ ...BASE, multiplier: 2, jitter: 1, random: () => 0 })).toEqual([0, 0, 0, 0]);
    expect(await gaps({ ...BASE, multiplier: 2, jitter: 1, random: () => 0.25 })).toEqual([
      250, 500, 1_000, 2_000,
    ]);
  });

  it('jitter 0.5 (equal, the default): from half its base to all of it', async () => {
    const low = await gaps({ ...BASE, jitter: 0.5, random: () => 0 });
    expect(low).toEqual([500, 1_000, 2_000, 4_000]);
    expect(await gaps({ ...BASE, random: () => 0 })).toEqual(low);
  });

  it('jitter 0: the waits are exactly the base', async () => {
    expect(await gaps({ ...BASE, jitter: 0, random: () => 0.9 })).toEqual([1_000, 2_000, 4_000, 8_000]);
  });
});
