import { ExponentialBackoff, type GeneratorFn, type IBackoff } from 'cockatiel';
import type { RetryOptions } from './types';

/**
 * "Equal jitter": attempt n waits between half and all of min(max, initial * 2^n). Unlike
 * cockatiel's default decorrelated jitter, consecutive delays never shrink, which is what a user
 * watching "retrying in ..." expects, while concurrent retries still spread out.
 */
export function equalJitter(random: () => number): GeneratorFn<number> {
  return (state, options) => {
    const step = state ?? 0;
    const base = Math.min(options.maxDelay, options.initialDelay * options.exponent ** step);
    return [Math.round(base / 2 + (random() * base) / 2), step + 1];
  };
}

/** Successive retry delays for one task execution (cockatiel's ExponentialBackoff). */
export class RetryDelays {
  readonly #factory: ExponentialBackoff<number>;
  #current: IBackoff<unknown> | undefined;

  constructor(options: RetryOptions) {
    this.#factory = new ExponentialBackoff({
      generator: equalJitter(options.random ?? Math.random),
      initialDelay: options.initialDelayMs,
      maxDelay: options.maxDelayMs,
      exponent: 2,
    });
  }

  next(): number {
    this.#current = this.#current === undefined ? this.#factory.next() : this.#current.next(undefined);
    return this.#current.duration;
  }
}
