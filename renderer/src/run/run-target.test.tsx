import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineStatus, NodeRunState, RequestInput, RunSummary } from '../../../shared/ipc/contract';
import { makeTopology } from '../../../shared/testing/topologies';
import { ApiProvider } from '../api/api-context';
import { TopologyNode } from '../editor/topology-node';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { cardProps } from '../testing/card-props';
import { fakeMainSide } from '../testing/main-side.fake';
import { RunToolbar } from './run-toolbar';

const at = '2026-01-05T14:00:00.000Z';
const connected: EngineStatus = {
  state: 'connected',
  host: 'unix:///var/run/docker.sock',
  since: at,
  swarmManager: true,
};
const doc = makeTopology({ web: { kind: 'service', image: 'nginx:1' } }, { metadata: { name: 'shop' } });

const summary = (state: RunSummary['state'], extra: Partial<RunSummary> = {}): RunSummary => ({
  runId: 'r1',
  project: 'shop',
  idempotencyKey: 'k',
  state,
  startedAt: at,
  nodes: { web: { nodeId: 'web', state: state === 'running' ? 'starting' : 'running', at } },
  ...extra,
});

let close: (() => void) | undefined;
afterEach(() => {
  cleanup();
  close?.();
  close = undefined;
});

function setup(last: RunSummary | null = null, engine: EngineStatus = connected) {
  const starts: RequestInput<'runs.start'>[] = [];
  const cleanups: RequestInput<'runs.cleanup'>[] = [];
  const volumes: RequestInput<'runs.volumes'>[] = [];
  const side = fakeMainSide({
    'runs.start': (input) => {
      starts.push(input);
      return summary('running', input.target === 'swarm' ? { target: 'swarm' } : {});
    },
    'runs.volumes': (input) => {
      volumes.push(input);
      return [];
    },
    'runs.cleanup': (input) => {
      cleanups.push(input);
      return { project: input.project, containers: 0, networks: 0, volumes: 0, errors: [] };
    },
  });
  close = side.close;
  const store = createAppStore();
  store.getState().loadDocument(doc, null);
  store.getState().setEngineStatus(engine);
  if (last) store.getState().showRun(last);
  render(
    <ApiProvider api={side.api}>
      <StoreProvider store={store}>
        <RunToolbar />
      </StoreProvider>
    </ApiProvider>,
  );
  return { store, starts, cleanups, volumes };
}

const picker = () => screen.getByRole<HTMLSelectElement>('combobox', { name: 'Deploy to' });

/** The run shown ends, as its status event says. */
function finish(store: AppStore, extra: Partial<RunSummary> = {}) {
  const { nodes: _nodes, ...header } = summary('succeeded', extra);
  act(() => store.getState().applyRunStatus(header));
}

async function cleanUpNow(store: AppStore) {
  const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Clean up' });
  expect(button.disabled).toBe(false);
  fireEvent.click(button);
  await waitFor(() => expect(store.getState().busy).toBeNull());
}

describe('the run target picker', () => {
  it('deploys on this engine by default: runs.start and runs.cleanup carry no target', async () => {
    const { store, starts, cleanups, volumes } = setup();
    expect(picker().value).toBe('engine');
    expect(screen.getByRole('option', { name: 'This engine' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(store.getState().run?.state).toBe('running'));
    expect(starts).toHaveLength(1);
    expect(starts[0]).not.toHaveProperty('target');
    finish(store);
    await cleanUpNow(store);
    expect(cleanups).toEqual([{ project: 'shop' }]);
    expect(volumes).toEqual([{ project: 'shop' }]);
  });

  it("choosing Swarm sends target 'swarm' with runs.start, and Clean up removes the Swarm run", async () => {
    const { store, starts, cleanups, volumes } = setup();
    fireEvent.change(picker(), { target: { value: 'swarm' } });
    expect(store.getState().runTarget).toBe('swarm');
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(store.getState().run?.target).toBe('swarm'));
    expect(starts[0]).toMatchObject({ target: 'swarm', topology: doc });
    finish(store, { target: 'swarm' });
    // The picker back on the engine: Clean up still removes where the run shown deployed.
    fireEvent.change(picker(), { target: { value: 'engine' } });
    await cleanUpNow(store);
    expect(cleanups).toEqual([{ project: 'shop', target: 'swarm' }]);
    expect(volumes).toEqual([{ project: 'shop', target: 'swarm' }]);
    expect(store.getState().run).toBeNull();
  });

  it("with no run shown, Clean up on Swarm sends target 'swarm'", async () => {
    const { store, cleanups, volumes } = setup();
    fireEvent.change(picker(), { target: { value: 'swarm' } });
    await cleanUpNow(store);
    expect(cleanups).toEqual([{ project: 'shop', target: 'swarm' }]);
    expect(volumes).toEqual([{ project: 'shop', target: 'swarm' }]);
  });

  it('is offered only on an engine that manages a Swarm, or while a Swarm run is shown', () => {
    setup(null, { ...connected, swarmManager: false });
    expect(screen.queryByRole('combobox', { name: 'Deploy to' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Run' })).toBeTruthy();
    cleanup();
    setup(summary('succeeded', { target: 'swarm' }), { ...connected, swarmManager: false });
    expect(picker().value).toBe('engine');
  });

  it('is disabled while a run is going', () => {
    setup(summary('running'));
    expect(picker().disabled).toBe(true);
    cleanup();
    setup(summary('succeeded'));
    expect(picker().disabled).toBe(false);
  });
});

function renderCard(state: NodeRunState, kind: 'service' | 'job' = 'service') {
  const store = createAppStore();
  store.getState().showRun({ ...summary('running', { target: 'swarm' }), nodes: { web: state } });
  const props = cardProps('web', { kind, image: 'nginx:1' }, state);
  const side = fakeMainSide({});
  close = side.close;
  render(
    <ApiProvider api={side.api}>
      <StoreProvider store={store}>
        <ReactFlowProvider>
          <TopologyNode {...props} />
        </ReactFlowProvider>
      </StoreProvider>
    </ApiProvider>,
  );
  return screen.getByTestId('node-web');
}

describe('task counts on the node card', () => {
  it("shows a Swarm service's tasks running of those wanted, labelled", () => {
    const card = renderCard({ nodeId: 'web', state: 'starting', at, tasks: { running: 1, desired: 2 } });
    const count = screen.getByRole('img', { name: '1 of 2 tasks running' });
    expect(count.textContent).toBe('1/2 running');
    expect(card.textContent).toContain('1/2 running');
  });

  it("says a Swarm job's tasks completed", () => {
    renderCard({ nodeId: 'web', state: 'running', at, tasks: { running: 0, desired: 1 } }, 'job');
    expect(screen.getByRole('img', { name: '0 of 1 task completed' }).textContent).toBe('0/1 completed');
  });

  it('shows no count for a node on the engine', () => {
    const card = renderCard({ nodeId: 'web', state: 'running', at });
    expect(screen.queryByRole('img', { name: /tasks? (running|completed)/ })).toBeNull();
    expect(card.textContent).not.toMatch(/\d+\/\d+/);
  });
});
