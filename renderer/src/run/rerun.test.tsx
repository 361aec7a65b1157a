import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineStatus, RequestInput, RunSummary } from '../../../shared/ipc/contract';
import { makeTopology } from '../../../shared/testing/topologies';
import { ApiProvider } from '../api/api-context';
import { createAppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeMainSide } from '../testing/main-side.fake';
import { NodeContextMenu } from './node-context-menu';
import { NodeRunDetails } from './node-run-details';
import { RunToolbar } from './run-toolbar';

const at = '2026-01-05T14:00:00.000Z';
const connected: EngineStatus = { state: 'connected', host: 'unix:///var/run/docker.sock', since: at };
const doc = makeTopology(
  {
    extract: { kind: 'job', image: 'x' },
    load: { kind: 'job', image: 'x', dependsOn: [{ node: 'extract', condition: 'completed' }] },
    data: { kind: 'volume' },
  },
  { metadata: { name: 'etl' } },
);
const run = (state: RunSummary['state'], extra: Partial<RunSummary> = {}): RunSummary => ({
  runId: 'r1',
  project: 'etl',
  idempotencyKey: 'k',
  state,
  startedAt: at,
  nodes: {
    extract: { nodeId: 'extract', state: 'completed', at, outputs: { ROWS: '42', FILE: '/x.csv' } },
    load: {
      nodeId: 'load',
      state: 'failed',
      at,
      error: { kind: 'retryable', message: 'exited with code 3' },
    },
  },
  ...extra,
});

let close: (() => void) | undefined;
afterEach(() => {
  cleanup();
  close?.();
  close = undefined;
});

function setup(ui: ReactNode, last: RunSummary | null = run('failed')) {
  const reruns: RequestInput<'runs.rerun'>[] = [];
  const side = fakeMainSide({
    'runs.rerun': (input) => {
      reruns.push(input);
      return run('running', {
        runId: 'r2',
        trigger: 'rerun',
        rerun: { of: 'r1', ...(input.from ? { from: input.from } : {}) },
      });
    },
  });
  close = side.close;
  const store = createAppStore();
  store.getState().loadDocument(doc, null);
  store.getState().setEngineStatus(connected);
  if (last) store.getState().showRun(last);
  render(
    <ApiProvider api={side.api}>
      <StoreProvider store={store}>{ui}</StoreProvider>
    </ApiProvider>,
  );
  return { reruns, store };
}

describe('Rerun', () => {
  it("reruns the project's last run from the toolbar and shows the rerun", async () => {
    const { reruns, store } = setup(<RunToolbar />);
    fireEvent.click(screen.getByRole('button', { name: 'Rerun' }));
    await waitFor(() => expect(store.getState().run?.runId).toBe('r2'));
    expect(reruns[0]).toMatchObject({ project: 'etl' });
    expect(reruns[0]?.from).toBeUndefined();
    expect(reruns[0]?.idempotencyKey).toMatch(/^ui-rerun-/);
  });

  it('is disabled, saying why, while a run goes on or after one succeeded', () => {
    setup(<RunToolbar />, run('succeeded'));
    const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Rerun' });
    expect(button.disabled).toBe(true);
    expect(button.title).toMatch(/The last run succeeded: nothing to rerun/);
  });

  it("reruns a node and its dependents from the node's context menu", async () => {
    const { reruns } = setup(<NodeContextMenu at={{ nodeId: 'extract', x: 10, y: 20 }} onClose={() => {}} />);
    const menu = screen.getByRole('menu', { name: 'Actions of extract' });
    fireEvent.click(within(menu).getByRole('menuitem', { name: /Rerun this node \(and its dependents\)/ }));
    await waitFor(() => expect(reruns).toHaveLength(1));
    expect(reruns[0]).toMatchObject({ project: 'etl', from: 'extract' });
  });

  it('refuses a volume in the context menu', () => {
    setup(<NodeContextMenu at={{ nodeId: 'data', x: 0, y: 0 }} onClose={() => {}} />);
    const item = screen.getByRole<HTMLButtonElement>('menuitem');
    expect(item.disabled).toBe(true);
    expect(screen.getByText('Only a service or a job can be rerun.')).toBeTruthy();
  });

  it("shows a node's last run with its outputs and the variables its dependents get", () => {
    setup(<NodeRunDetails nodeId="extract" />);
    const outputs = screen.getByRole('table', { name: 'Outputs of extract' });
    expect(
      within(outputs)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['OutputValueDependents get', 'ROWS42EXTRACT_ROWS', 'FILE/x.csvEXTRACT_FILE']);
    expect(screen.getByRole('button', { name: /Rerun from here/ })).toBeTruthy();
  });
});
