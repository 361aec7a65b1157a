import { describe, expect, it } from 'vitest';
import { RetryDelays, baseDelay, jittered } from './backoff';

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

  it('grows by the multiplier', () => {
    const delays = new RetryDelays({
      maxAttempts: 5,
      initialDelayMs: 100,
      maxDelayMs: 100_000,
      multiplier: 3,
      jitter: 0,
    });
    expect(Array.from({ length: 4 }, () => delays.next())).toEqual([100, 300, 900, 2700]);
  });

  it('a multiplier of 1 keeps the delay constant; below 1 counts as 1', () => {
    for (const multiplier of [1, 0.5]) {
      const delays = new RetryDelays({
        maxAttempts: 4,
        initialDelayMs: 250,
        maxDelayMs: 10_000,
        multiplier,
        jitter: 0,
      });
      expect(Array.from({ length: 3 }, () => delays.next())).toEqual([250, 250, 250]);
    }
  });

  it('caps every delay at the maximum, jitter included', () => {
    const delays = new RetryDelays({
      maxAttempts: 8,
      initialDelayMs: 1000,
      maxDelayMs: 5000,
      multiplier: 10,
      jitter: 0,
    });
    expect(Array.from({ length: 4 }, () => delays.next())).toEqual([1000, 5000, 5000, 5000]);
  });

  it('full jitter (1) spreads from 0 to the delay; none (0) not at all', () => {
    const low = new RetryDelays({
      maxAttempts: 3,
      initialDelayMs: 800,
      maxDelayMs: 10_000,
      jitter: 1,
      random: () => 0,
    });
    expect([low.next(), low.next()]).toEqual([0, 0]);
    const high = new RetryDelays({
      maxAttempts: 3,
      initialDelayMs: 800,
      maxDelayMs: 10_000,
      jitter: 1,
      random: () => 0.5,
    });
    expect([high.next(), high.next()]).toEqual([400, 800]);
    const none = new RetryDelays({
      maxAttempts: 3,
      initialDelayMs: 800,
      maxDelayMs: 10_000,
      jitter: 0,
      random: () => 0.123,
    });
    expect([none.next(), none.next()]).toEqual([800, 1600]);
  });
});

describe('jittered', () => {
  it('stays between (1 - jitter) × base and base', () => {
    for (const jitter of [0, 0.2, 0.5, 1]) {
      for (const r of [0, 0.25, 0.5, 0.999]) {
        const value = jittered(1000, jitter, () => r);
        expect(value).toBeGreaterThanOrEqual(Math.floor(1000 * (1 - jitter)));
        expect(value).toBeLessThanOrEqual(1000);
      }
    }
  });

  it('clamps a fraction outside 0..1', () => {
    expect(jittered(1000, 5, () => 0)).toBe(0);
    expect(jittered(1000, -1, () => 0)).toBe(1000);
  });

  it('baseDelay grows and caps', () => {
    expect(baseDelay(100, 2, 1000, 0)).toBe(100);
    expect(baseDelay(100, 2, 1000, 3)).toBe(800);
    expect(baseDelay(100, 2, 1000, 4)).toBe(1000);
  });
});
