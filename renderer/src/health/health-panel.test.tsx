import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { NodeRunState, RequestInput } from '../../../shared/ipc/contract';
import { ApiProvider } from '../api/api-context';
import { TopologyNode } from '../editor/topology-node';
import { createAppStore, type AppStore } from '../store/app-store';
import { startHealthSync } from '../store/health-sync';
import { StoreProvider } from '../store/store-context';
import { healthCheck, healthSummary, serviceHealth, time } from '../testing/health';
import { cardProps } from '../testing/card-props';
import { fakeMainSide } from '../testing/main-side.fake';
import { HealthPanel } from './health-panel';

const SUMMARY = healthSummary(
  [
    serviceHealth('web', {
      lastCheck: healthCheck(4, true),
      checks: [healthCheck(2, true), healthCheck(4, true)],
    }),
    serviceHealth('api', {
      state: 'degraded',
      since: time(3),
      reason: 'its dependency db is unhealthy',
      cause: 'db',
      checks: [healthCheck(1, true), healthCheck(3, false, 'HTTP 503')],
      lastCheck: healthCheck(3, false, 'HTTP 503'),
    }),
  ],
  {
    overall: 'degraded',
    counts: { starting: 0, healthy: 1, degraded: 1, unhealthy: 0, unknown: 0, failed: 0 },
  },
);

/** The real contract client and dispatcher over an in-memory wire; the main side is scripted. */
function mainSide() {
  const kills: RequestInput<'chaos.kill'>[] = [];
  const { api, push } = fakeMainSide({
    'health.get': () => SUMMARY,
    'chaos.kill': (input) => {
      kills.push(input);
      return { ...input, containers: [`shop-${input.nodeId}`], signal: 'SIGKILL', at: time(10) };
    },
  });
  return { api, kills, push };
}

const running: NodeRunState = { nodeId: 'web', state: 'healthy', at: time(0) };

function nodeProps(run: NodeRunState | undefined) {
  return cardProps('web', { kind: 'service', image: 'dockwright-test/http:1' }, run);
}

afterEach(cleanup);

async function renderAll(run: NodeRunState | undefined = running) {
  const side = mainSide();
  const store: AppStore = createAppStore();
  store.getState().showRun({
    runId: 'r1',
    project: 'shop',
    idempotencyKey: 'k',
    state: 'succeeded',
    startedAt: time(0),
    nodes: run ? { web: run } : {},
  });
  const stop = startHealthSync(side.api, store, { pollMs: 60_000 });
  render(
    <ApiProvider api={side.api}>
      <StoreProvider store={store}>
        <ReactFlowProvider>
          <TopologyNode {...nodeProps(run)} />
        </ReactFlowProvider>
        <HealthPanel />
      </StoreProvider>
    </ApiProvider>,
  );
  const table = await screen.findByRole('table', { name: 'Health' });
  return { ...side, store, stop, table };
}

const rowOf = (table: HTMLElement, nodeId: string) =>
  within(table)
    .getAllByRole('row')
    .find((row) => within(row).queryByRole('button', { name: nodeId }))!;

describe('HealthPanel', () => {
  it('lists the services from health.get, worst first, with state, last check, reason and a summary', async () => {
    const { table, stop } = await renderAll();
    expect(screen.getByTestId('health-summary').textContent).toBe('1 healthy · 1 degraded');
    expect(screen.getByTestId('health-overall').dataset.health).toBe('degraded');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.dataset.health)).toEqual(['degraded', 'healthy']);
    const api = rowOf(table, 'api');
    expect(api.textContent).toContain('degraded');
    expect(api.textContent).toContain('HTTP 503');
    expect(api.textContent).toContain('its dependency db is unhealthy (cause: db)');
    expect(rowOf(table, 'web').textContent).toMatch(/✓ 12 ms · (just now|\d+ (s|min|h) ago)/);
    stop();
  });

  it('follows health events: detected, restarted, healthy again with the restart counted, on the node too', async () => {
    const { table, push, stop } = await renderAll();
    const node = screen.getByTestId('node-web');
    expect(node.dataset.health).toBe('healthy');
    expect(screen.getByTestId('health-badge-web').textContent).toBe('♥ healthy');

    const base = { runId: 'r1', project: 'shop', nodeId: 'web' };
    act(() => {
      push('health.status', {
        ...base,
        state: 'unhealthy',
        previous: 'healthy',
        since: time(11),
        reason: 'the container exited (137)',
        restarts: 0,
        lastCheck: healthCheck(11, false, 'container exited'),
      });
      push('health.recovery', {
        ...base,
        action: 'restart',
        trigger: 'exited',
        result: 'started',
        attempt: 1,
        maxAttempts: 5,
        reason: 'the container exited (137)',
        at: time(11),
      });
    });
    await expect.poll(() => node.dataset.health).toBe('unhealthy');
    expect(rowOf(table, 'web').textContent).toContain('the container exited (137)');
    expect(rowOf(table, 'web').textContent).toContain('restarting (1/5)');
    expect(screen.getByTestId('health-summary').textContent).toBe('1 degraded · 1 unhealthy');

    act(() => {
      push('health.status', { ...base, state: 'starting', since: time(12), restarts: 1 });
      push('health.status', {
        ...base,
        state: 'healthy',
        since: time(13),
        restarts: 1,
        lastCheck: healthCheck(13, true),
      });
      push('health.recovery', {
        ...base,
        action: 'restart',
        trigger: 'exited',
        result: 'recovered',
        attempt: 1,
        maxAttempts: 5,
        durationMs: 2100,
        reason: 'the container exited (137)',
        at: time(13),
      });
    });
    await expect.poll(() => node.dataset.health).toBe('healthy');
    expect(screen.getByTestId('health-badge-web').textContent).toBe('♥ healthy · ↻1');
    expect(screen.getByTestId('health-restarts-web').textContent).toBe('1');
    expect(rowOf(table, 'web').textContent).toContain('recovered in 2.1 s');
    stop();
  });

  it('shows the picked service’s check history', async () => {
    const { table, stop } = await renderAll();
    // The worst service is picked first.
    expect(screen.getByRole('region', { name: 'Check history of api' })).toBeTruthy();
    fireEvent.click(within(rowOf(table, 'web')).getByRole('button', { name: 'web' }));
    const history = screen.getByRole('region', { name: 'Check history of web' });
    expect(within(history).getByRole('img').getAttribute('aria-label')).toBe(
      '2 checks, 0 failed, slowest pass 12 ms',
    );
    expect(within(history).getAllByRole('listitem')).toHaveLength(2);
    stop();
  });

  it('kills a running service through chaos.kill, with the run’s project', async () => {
    const { kills, stop } = await renderAll();
    fireEvent.click(screen.getByRole('button', { name: 'Kill web' }));
    await expect.poll(() => kills).toEqual([{ project: 'shop', nodeId: 'web' }]);
    stop();
  });

  it('offers no Kill on a service that does not run, and says when nothing is watched', () => {
    const store = createAppStore();
    render(
      <ApiProvider api={mainSide().api}>
        <StoreProvider store={store}>
          <ReactFlowProvider>
            <TopologyNode {...nodeProps(undefined)} />
          </ReactFlowProvider>
          <HealthPanel />
        </StoreProvider>
      </ApiProvider>,
    );
    expect(screen.queryByRole('button', { name: 'Kill web' })).toBeNull();
    expect(screen.getByTestId('node-web').dataset.health).toBeUndefined();
    expect(screen.queryByRole('table', { name: 'Health' })).toBeNull();
    expect(screen.getByText(/No health yet/)).toBeTruthy();
  });
});
