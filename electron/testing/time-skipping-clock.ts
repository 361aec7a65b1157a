import type { Clock, Timer } from '../common/clock';

interface PendingTimer extends Timer {
  readonly due: number;
  readonly seq: number;
  readonly callback: () => void;
}

/**
 * A Clock for tests that jumps virtual time forward instead of waiting: once the real event loop
 * has run everything it can (a `setImmediate` turn), the earliest timer fires and `now()` moves to
 * its due time. Backoff of seconds then takes microseconds while keeping order and durations.
 */
export class TimeSkippingClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: PendingTimer[] = [];
  #scheduled = false;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): Timer {
    const timer: PendingTimer = { due: this.#now + Math.max(0, ms), seq: this.#seq++, callback };
    this.#timers.push(timer);
    this.#schedule();
    return timer;
  }

  clearTimeout(timer: Timer): void {
    this.#timers = this.#timers.filter((pending) => pending !== timer);
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.#timers.length;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      const next = this.#timers.reduce<PendingTimer | undefined>(
        (earliest, timer) =>
          earliest === undefined ||
          timer.due < earliest.due ||
          (timer.due === earliest.due && timer.seq < earliest.seq)
            ? timer
            : earliest,
        undefined,
      );
      if (next === undefined) return;
      this.#timers = this.#timers.filter((timer) => timer !== next);
      this.#now = Math.max(this.#now, next.due);
      next.callback();
      if (this.#timers.length > 0) this.#schedule();
    });
  }
}
