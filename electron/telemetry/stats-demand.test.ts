import { describe, expect, it } from 'vitest';
import { TimeSkippingClock } from '../testing/time-skipping-clock';
import { StatsDemand } from './stats-demand';

function setUp() {
  const clock = new TimeSkippingClock();
  const demand = new StatsDemand(clock);
  const changes: boolean[] = [];
  demand.onChange((active) => changes.push(active));
  /** Lets virtual time run up to `ms` from now (timers due by then fire). */
  const after = async (ms: number) => {
    const until = clock.now() + ms;
    clock.setTimeout(() => {}, ms);
    while (clock.now() < until) await new Promise((resolve) => setImmediate(resolve));
  };
  return { clock, demand, changes, after };
}

describe('the demand for container stats', () => {
  it('is off until someone asks, on while an ask holds, off once the last one runs out', async () => {
    const { demand, changes, after } = setUp();
    expect(demand.active).toBe(false);
    demand.want('ui', 45_000);
    expect(demand.active).toBe(true);
    await after(30_000);
    demand.want('ui', 45_000); // asked again in time: still on
    await after(30_000);
    expect(demand.active).toBe(true);
    await after(20_000);
    expect(demand.active).toBe(false);
    expect(changes).toEqual([true, false]);
  });

  it('holds while any holder wants it; a shorter ask does not cut a longer one short', async () => {
    const { demand, changes, after } = setUp();
    demand.want('scrape', 120_000);
    demand.want('ui', 10_000);
    demand.want('scrape', 1_000);
    await after(60_000);
    expect(demand.active).toBe(true);
    await after(61_000);
    expect(demand.active).toBe(false);
    expect(changes).toEqual([true, false]);
  });

  it('release ends a holder at once; dispose forgets everything and tells no one', () => {
    const { demand, changes } = setUp();
    demand.want('ui', 45_000);
    demand.want('scrape', 45_000);
    demand.release('ui');
    expect(demand.active).toBe(true);
    demand.release('scrape');
    expect(demand.active).toBe(false);
    demand.want('ui', 45_000);
    demand.dispose();
    expect(demand.active).toBe(false);
    expect(changes).toEqual([true, false, true]);
  });
});
