import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/ipc/api';
import type { LinkState } from '../../../shared/ipc/transport';
import { fakeMainSide } from '../testing/main-side.fake';
import { createAppStore } from './app-store';
import { startMetricsSync } from './metrics-sync';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

function setUp(everyMs = 40) {
  let asks = 0;
  const side = fakeMainSide({
    'telemetry.metrics': () => ({ at: 0, samples: [] }),
    'telemetry.watchStats': () => (asks++, { until: new Date(Date.now() + 45_000).toISOString() }),
  });
  const links: Array<(link: LinkState) => void> = [];
  const api: Api = { ...side.api, onLink: (listener) => (links.push(listener), () => undefined) };
  const store = createAppStore();
  const off = startMetricsSync(api, store, ['x'], everyMs);
  stop = () => (off(), side.close());
  return { store, links, asks: () => asks, off };
}

describe('metrics sync asks for the containers’ usage', () => {
  it('only while the Metrics panel is shown, again and again, and no more once it is not', async () => {
    const { store, asks } = setUp();
    await settle();
    expect(asks()).toBe(0);

    store.getState().setBottomPanel('metrics');
    await settle();
    expect(asks()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(asks()).toBeGreaterThanOrEqual(3);

    store.getState().setBottomPanel('logs');
    await settle();
    const after = asks();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(asks()).toBe(after);
  });

  it('asks again at once when the link comes back (a restarted main side forgot), and stops when disposed', async () => {
    const { store, links, asks, off } = setUp(60_000);
    store.getState().setBottomPanel('metrics');
    await settle();
    expect(asks()).toBe(1);
    for (const link of links) link({ state: 'open', reconnected: true, resumed: false });
    await settle();
    expect(asks()).toBe(2);
    off();
    for (const link of links) link({ state: 'open', reconnected: true, resumed: false });
    await settle();
    expect(asks()).toBe(2);
  });
});
