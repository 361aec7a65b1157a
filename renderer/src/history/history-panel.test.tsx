import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineStatus, RequestInput, RunDetails, RunSummary } from '../../../shared/ipc/contract';
import { makeTopology } from '../../../shared/testing/topologies';
import { ApiProvider } from '../api/api-context';
import { createAppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeMainSide } from '../testing/main-side.fake';
import { HistoryPanel } from './history-panel';

const at = (s: number) => new Date(Date.UTC(2026, 0, 5, 14, 0, s)).toISOString();
const connected: EngineStatus = { state: 'connected', host: 'unix:///var/run/docker.sock', since: at(0) };

const failed: RunSummary = {
  runId: '20260105140000-aaaaaa',
  project: 'etl',
  idempotencyKey: 'k1',
  state: 'failed',
  startedAt: at(0),
  finishedAt: at(9),
  trigger: 'cli',
  nodes: {
    extract: { nodeId: 'extract', state: 'completed', at: at(3), action: 'created', outputs: { ROWS: '42' } },
    load: {
      nodeId: 'load',
      state: 'failed',
      at: at(9),
      error: { kind: 'retryable', message: 'exited with code 3' },
    },
  },
};
const rerun: RunSummary = {
  ...failed,
  runId: '20260105140100-bbbbbb',
  idempotencyKey: 'k2',
  state: 'succeeded',
  trigger: 'rerun',
  rerun: { of: failed.runId },
  nodes: {
    extract: { nodeId: 'extract', state: 'completed', at: at(3), action: 'reused' },
    load: { nodeId: 'load', state: 'completed', at: at(9) },
  },
};

let close: (() => void) | undefined;
afterEach(() => {
  cleanup();
  close?.();
  close = undefined;
});

function setup() {
  const asked: RequestInput<'runs.history'>[] = [];
  const reruns: RequestInput<'runs.rerun'>[] = [];
  const details: RunDetails = {
    summary: failed,
    logs: [
      { nodeId: 'load', stream: 'stderr', text: 'no such table', at: at(8) },
      { nodeId: 'extract', stream: 'stdout', text: 'read 42 rows', at: at(2) },
    ],
    spans: [
      {
        traceId: 't1',
        spanId: 's1',
        runId: failed.runId,
        name: 'run etl',
        kind: 'internal',
        startTime: Date.parse(at(0)),
        endTime: Date.parse(at(9)),
        status: { code: 'error' },
        attributes: {},
        events: [],
      },
    ],
  };
  const side = fakeMainSide({
    'runs.history': (input) => {
      asked.push(input);
      return [rerun, failed];
    },
    'runs.details': () => details,
    'runs.rerun': (input) => {
      reruns.push(input);
      return { ...rerun, state: 'running' };
    },
  });
  close = side.close;
  const store = createAppStore();
  store
    .getState()
    .loadDocument(
      makeTopology({ extract: { kind: 'job', image: 'x' } }, { metadata: { name: 'etl' } }),
      null,
    );
  store.getState().setEngineStatus(connected);
  render(
    <ApiProvider api={side.api}>
      <StoreProvider store={store}>
        <HistoryPanel />
      </StoreProvider>
    </ApiProvider>,
  );
  return { asked, reruns, store };
}

describe('the History panel', () => {
  it("lists the project's runs, newest first, with status, trigger and each node's final state", async () => {
    const { asked } = setup();
    const table = await screen.findByRole('table', { name: 'Run history' });
    expect(asked[0]).toEqual({ project: 'etl', limit: 200 });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-state'))).toEqual(['succeeded', 'failed']);
    expect(rows[0]?.textContent).toContain(`rerun of ${failed.runId}`);
    expect(rows[1]?.textContent).toContain('cli');
    expect(within(rows[1]!).getByTitle('load: failed — exited with code 3')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'all' } });
    await waitFor(() => expect(asked.at(-1)).toEqual({ limit: 200 }));
  });

  it('opens a run: its nodes, outputs, trace and kept log lines; Rerun reruns that run', async () => {
    const { reruns, store } = setup();
    fireEvent.click(await screen.findByRole('button', { name: failed.runId }));
    const view = await screen.findByTestId('run-details');
    await within(view).findByTestId('run-node-load');
    expect(within(view).getByTestId('run-node-load').textContent).toContain('exited with code 3');
    const outputs = within(view).getByRole('table', { name: 'Outputs of extract' });
    expect(outputs.textContent).toContain('ROWS42EXTRACT_ROWS');
    expect(within(view).getByTestId('run-details-logs').textContent).toBe(
      'load | no such table\nextract | read 42 rows',
    );
    expect(within(view).getByTestId('run-details-trace').textContent).toContain('1 spans');
    fireEvent.click(within(view).getByRole('button', { name: /Rerun/ }));
    await waitFor(() => expect(reruns).toHaveLength(1));
    expect(reruns[0]).toMatchObject({ runId: failed.runId });
    await waitFor(() => expect(store.getState().run?.trigger).toBe('rerun'));
    fireEvent.click(within(view).getByRole('button', { name: '← All runs' }));
    expect(await screen.findByRole('table', { name: 'Run history' })).toBeTruthy();
  });
});
