import { systemClock, type Clock, type Timer } from '../common/clock';

/** How long one ask from a window showing the Metrics panel holds (it asks again well within). */
export const UI_STATS_HOLD_MS = 45_000;
/** How long one scrape of `/metrics` holds: Prometheus's common scrape interval (60 s), twice. */
export const SCRAPE_STATS_HOLD_MS = 120_000;

/**
 * Whether anyone looks at the containers' CPU and memory now. Reading them costs: the engine
 * sends a sample a second per container, and 20 containers' streams are about 1 % of a core for
 * this process alone. So they are read only while someone wants them: a window showing the
 * Metrics panel, or a Prometheus scraping `/metrics`. Each asks for a while (a lease, by holder)
 * and asks again before it runs out; a holder that goes away simply stops asking.
 */
export class StatsDemand {
  private readonly until = new Map<string, number>();
  private readonly listeners = new Set<(active: boolean) => void>();
  private timer: Timer | undefined;
  private wasActive = false;

  constructor(private readonly clock: Clock = systemClock) {}

  /** Someone wants container stats now. */
  get active(): boolean {
    return this.wasActive;
  }

  /** `holder` wants them for `ms` from now (a longer ask it already made stands); returns until when. */
  want(holder: string, ms: number): number {
    const until = Math.max(this.until.get(holder) ?? 0, this.clock.now() + ms);
    this.until.set(holder, until);
    this.settle();
    return until;
  }

  /** `holder` no longer wants them. */
  release(holder: string): void {
    this.until.delete(holder);
    this.settle();
  }

  /** Called with the new state whenever it changes; returns the unsubscribe. */
  onChange(listener: (active: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.until.clear();
    this.listeners.clear();
    this.wasActive = false;
  }

  /** Forgets what ran out, sets a timer for the next ask to run out, and tells of a change. */
  private settle(): void {
    const now = this.clock.now();
    for (const [holder, until] of this.until) if (until <= now) this.until.delete(holder);
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.until.size > 0) {
      const next = Math.min(...this.until.values());
      this.timer = this.clock.setTimeout(() => this.settle(), next - now);
      this.timer.unref?.();
    }
    const active = this.until.size > 0;
    if (active === this.wasActive) return;
    this.wasActive = active;
    for (const listener of [...this.listeners]) listener(active);
  }
}
