import type { Clock, Timer } from '../common/clock';

/**
 * Timers on an injected clock that can all be cleared at once: a watch that is paused or disposed
 * leaves nothing scheduled behind.
 */
export class TimerSet {
  private readonly pending = new Set<Timer>();

  constructor(private readonly clock: Clock) {}

  /** Runs `callback` after `ms`; the returned function cancels it. */
  after(ms: number, callback: () => void): () => void {
    const timer = this.clock.setTimeout(() => {
      this.pending.delete(timer);
      callback();
    }, ms);
    this.pending.add(timer);
    return () => {
      if (this.pending.delete(timer)) this.clock.clearTimeout(timer);
    };
  }

  get size(): number {
    return this.pending.size;
  }

  clear(): void {
    for (const timer of this.pending) this.clock.clearTimeout(timer);
    this.pending.clear();
  }
}
