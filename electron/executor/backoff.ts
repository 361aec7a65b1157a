import { ExponentialBackoff, type GeneratorFn, type IBackoff } from 'cockatiel';
import type { RetryOptions } from './types';

/** Growth per attempt when a policy names none. */
export const DEFAULT_MULTIPLIER = 2;
/** Spread when a policy names none: "equal jitter", between half and all of the delay. */
export const DEFAULT_JITTER = 0.5;

/**
 * A delay of `base` spread by `jitter` (a fraction 0..1) downwards: between `base * (1 - jitter)`
 * and `base`. 1 is "full jitter" (anywhere from 0 to the delay), 0.5 "equal jitter" (from half
 * of it), 0 no spread at all. The spread never goes above `base`, so a capped delay stays capped.
 */
export function jittered(base: number, jitter: number, random: () => number): number {
  const fraction = Math.min(1, Math.max(0, jitter));
  return Math.round(base * (1 - fraction) + base * fraction * random());
}

/** The delay before jitter of retry `step` (0-based): `initial * multiplier^step`, at most `max`. */
export function baseDelay(initialMs: number, multiplier: number, maxMs: number, step: number): number {
  return Math.min(maxMs, initialMs * Math.max(1, multiplier) ** step);
}

/**
 * Attempt n waits `jittered(min(max, initial * multiplier^n))`. Unlike cockatiel's default
 * decorrelated jitter, with equal jitter and a multiplier of 2 consecutive delays never shrink,
 * which is what a user watching "retrying in ..." expects, while concurrent retries still spread.
 */
export function spreadJitter(jitter: number, random: () => number): GeneratorFn<number> {
  return (state, options) => {
    const step = state ?? 0;
    const base = baseDelay(options.initialDelay, options.exponent, options.maxDelay, step);
    return [jittered(base, jitter, random), step + 1];
  };
}

/** Successive retry delays for one task execution (cockatiel's ExponentialBackoff). */
export class RetryDelays {
  readonly #factory: ExponentialBackoff<number>;
  #current: IBackoff<unknown> | undefined;

  constructor(options: RetryOptions) {
    this.#factory = new ExponentialBackoff({
      generator: spreadJitter(options.jitter ?? DEFAULT_JITTER, options.random ?? Math.random),
      initialDelay: options.initialDelayMs,
      maxDelay: options.maxDelayMs,
      exponent: Math.max(1, options.multiplier ?? DEFAULT_MULTIPLIER),
    });
  }

  next(): number {
    this.#current = this.#current === undefined ? this.#factory.next() : this.#current.next(undefined);
    return this.#current.duration;
  }
}
