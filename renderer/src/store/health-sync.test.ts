import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HealthSummary, RequestInput } from '../../../shared/ipc/contract';
import { ApiError } from '../../../shared/ipc/errors';
import { createAppStore } from './app-store';
import { startHealthSync } from './health-sync';
import { healthSummary, serviceHealth } from '../testing/health';
import { fakeMainSide } from '../testing/main-side.fake';

const at = '2026-11-28T10:00:00.000Z';

const summary = (project: string, runId: string, monitoring: boolean): HealthSummary =>
  healthSummary([serviceHealth('web', { containers: [] })], { project, runId, monitoring });

/** A scripted main side over the real contract client: `answer` decides what health.get says. */
function mainSide(answer: (input: RequestInput<'health.get'>) => HealthSummary) {
  const asked: RequestInput<'health.get'>[] = [];
  const { api, push } = fakeMainSide({
    'health.get': (input) => {
      asked.push(input);
      return answer(input);
    },
  });
  return { api, asked, push };
}

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

function storeFor(project: string) {
  const store = createAppStore();
  store.getState().loadDocument({ ...store.getState().doc, metadata: { name: project } }, null);
  return store;
}

const showRun = (store: ReturnType<typeof createAppStore>, project: string, runId: string) =>
  store
    .getState()
    .showRun({ runId, project, idempotencyKey: runId, state: 'running', startedAt: at, nodes: {} });

describe('startHealthSync', () => {
  it('reads the project being watched at start, and ignores events of other projects and runs', async () => {
    const side = mainSide((input) => summary(input.project ?? 'shop', 'r1', true));
    const store = storeFor('shop');
    stops.push(startHealthSync(side.api, store));
    await expect.poll(() => store.getState().health.services.web?.state).toBe('healthy');
    expect(side.asked[0]).toEqual({ project: 'shop' });

    const status = { runId: 'r1', nodeId: 'web', since: '2026-11-28T10:00:05.000Z', restarts: 0 };
    side.push('health.status', { ...status, project: 'other', state: 'failed' });
    side.push('health.status', { ...status, project: 'shop', state: 'unhealthy' });
    await expect.poll(() => store.getState().health.services.web?.state).toBe('unhealthy');

    showRun(store, 'shop', 'r2');
    await expect.poll(() => side.asked.at(-1)).toEqual({ runId: 'r2' });
    side.push('health.status', {
      ...status,
      project: 'shop',
      runId: 'r1',
      state: 'failed',
      since: '2026-11-28T10:00:09.000Z',
    });
    side.push('health.status', {
      ...status,
      project: 'shop',
      runId: 'r2',
      state: 'starting',
      since: '2026-11-28T10:00:09.000Z',
    });
    await expect.poll(() => store.getState().health.runId).toBe('r2');
    expect(store.getState().health.services.web?.state).toBe('starting');
  });

  it('shows nothing for a project nobody watches when no run is on the canvas', async () => {
    const side = mainSide((input) => {
      if (input.project === 'gone') throw new ApiError('NOT_FOUND', 'no run of project gone is known');
      return summary(input.project ?? 'old', 'r0', false);
    });
    const store = storeFor('old');
    stops.push(startHealthSync(side.api, store));
    await expect.poll(() => side.asked.length).toBe(1);
    await expect.poll(() => store.getState().health.project).toBe('old');
    expect(store.getState().health.services).toEqual({});

    // With the run shown, the same history is what there is to show.
    showRun(store, 'old', 'r0');
    await expect.poll(() => store.getState().health.services.web?.state).toBe('healthy');
    expect(store.getState().health.monitoring).toBe(false);

    store.getState().clearRun();
    store.getState().loadDocument({ ...store.getState().doc, metadata: { name: 'gone' } }, null);
    await expect.poll(() => store.getState().health.project).toBe('gone');
    expect(store.getState().health.services).toEqual({});
  });

  it('reads again every poll while the Health panel is open and the services are watched', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const side = mainSide(() => summary('shop', 'r1', true));
      const store = storeFor('shop');
      stops.push(startHealthSync(side.api, store, { pollMs: 1_000 }));
      await expect.poll(() => store.getState().health.monitoring).toBe(true);
      const before = side.asked.length;
      vi.advanceTimersByTime(5_000);
      // A request of our own goes over the same ordered wire: anything polled before it arrived first.
      await side.api.health.get({ project: 'shop' });
      expect(side.asked.length).toBe(before + 1);

      store.getState().setBottomPanel('health');
      vi.advanceTimersByTime(5_000);
      await side.api.health.get({ project: 'shop' });
      expect(side.asked.length).toBe(before + 1 + 5 + 1);
    } finally {
      vi.useRealTimers();
    }
  });
});
