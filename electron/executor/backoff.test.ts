import { describe, expect, it } from 'vitest';
import { RetryDelays } from './backoff';

describe('RetryDelays', () => {
  it('doubles within jitter bounds and never exceeds the maximum', () => {
    let flip = 0;
    const delays = new RetryDelays({
      maxAttempts: 10,
      initialDelayMs: 100,
      maxDelayMs: 1000,
      random: () => (flip++ % 2 === 0 ? 0 : 0.999),
    });
    const seen = Array.from({ length: 7 }, () => delays.next());
    expect(seen).toEqual([50, 200, 200, 800, 500, 1000, 500]);
    for (const delay of seen) expect(delay).toBeLessThanOrEqual(1000);
  });

  it('never shrinks below the previous delay before the cap', () => {
    const delays = new RetryDelays({ maxAttempts: 6, initialDelayMs: 10, maxDelayMs: 100_000 });
    const seen = Array.from({ length: 5 }, () => delays.next());
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1] ?? 0);
  });
});
