import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ConsentRequest,
  EngineStatus,
  ProjectVolume,
  RequestInput,
  RunSummary,
} from '../../../shared/ipc/contract';
import { ApiError } from '../../../shared/ipc/errors';
import { makeTopology } from '../../../shared/testing/topologies';
import { ApiProvider } from '../api/api-context';
import { createAppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeMainSide } from '../testing/main-side.fake';
import { RunDialogs } from './run-dialogs';
import { RunToolbar } from './run-toolbar';

const connected: EngineStatus = {
  state: 'connected',
  host: 'unix:///var/run/docker.sock',
  version: '27.0.0',
  apiVersion: '1.46',
  since: '2026-12-01T10:00:00.000Z',
};

const doc = makeTopology(
  { box: { kind: 'service', image: 'busybox', privileged: true }, data: { kind: 'volume' } },
  { metadata: { name: 'box' } },
);

const asked: ConsentRequest = {
  settings: [
    { nodeId: 'box', setting: 'privileged', value: 'true', reason: 'turns off all isolation' },
    {
      nodeId: 'box',
      setting: 'mounts[0].source',
      value: '/var/run/docker.sock → /run/docker.sock',
      reason: "the container engine's socket",
    },
  ],
  fingerprint: 'f'.repeat(64),
};

function summary(input: RequestInput<'runs.start'>): RunSummary {
  return {
    runId: 'run-1',
    project: 'box',
    idempotencyKey: input.idempotencyKey,
    state: 'running',
    startedAt: '2026-12-01T10:00:01.000Z',
    nodes: {},
  };
}

let close: (() => void) | undefined;
afterEach(() => {
  cleanup();
  close?.();
  close = undefined;
});
beforeEach(() => localStorage.clear());

function setup(volumes: ProjectVolume[] = []) {
  const starts: RequestInput<'runs.start'>[] = [];
  const cleanups: RequestInput<'runs.cleanup'>[] = [];
  const side = fakeMainSide({
    'runs.start': (input) => {
      starts.push(input);
      if (input.consent !== asked.fingerprint) throw new ApiError('CONSENT_REQUIRED', 'dangerous', asked);
      return summary(input);
    },
    'runs.volumes': () => volumes,
    'runs.cleanup': (input) => {
      cleanups.push(input);
      return {
        project: input.project,
        containers: 1,
        networks: 1,
        volumes: input.volumes ? 1 : 0,
        errors: [],
      };
    },
  });
  close = side.close;
  const store = createAppStore();
  store.getState().loadDocument(doc, 'box.yaml');
  store.getState().setEngineStatus(connected);
  render(
    <ApiProvider api={side.api}>
      <StoreProvider store={store}>
        <RunToolbar />
        <RunDialogs />
      </StoreProvider>
    </ApiProvider>,
  );
  return { store, starts, cleanups };
}

const button = (name: string, inside: HTMLElement = document.body) =>
  within(inside).getByRole('button', { name });

async function clickRun(): Promise<HTMLElement> {
  const run = button('Run');
  run.focus();
  fireEvent.click(run);
  return screen.findByRole('dialog', { name: 'Run with dangerous settings?' });
}

describe('the consent dialog', () => {
  it('lists every dangerous setting; Cancel starts nothing and gives focus back to Run', async () => {
    const { starts, store } = setup();
    const dialog = await clickRun();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    const rows = within(within(dialog).getByRole('table', { name: 'Dangerous settings' })).getAllByRole(
      'row',
    );
    expect(rows.map((row) => row.textContent)).toEqual([
      'NodeSettingValueWhy it is dangerous',
      'boxprivilegedtrueturns off all isolation',
      "boxmounts[0].source/var/run/docker.sock → /run/docker.sockthe container engine's socket",
    ]);
    // The safe answer has focus, and Tab stays inside.
    const cancel = button('Cancel', dialog);
    const runAnyway = button('Run anyway', dialog);
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(cancel, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(runAnyway);
    fireEvent.keyDown(runAnyway, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);

    fireEvent.click(cancel);
    await waitFor(() => expect(store.getState().busy).toBeNull());
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button('Run'));
    expect(starts.map((s) => s.consent)).toEqual([undefined]);
    expect(store.getState().run).toBeNull();
    expect(store.getState().runError).toBeNull();
  });

  it('Run anyway sends the fingerprint, remembers it, and the next run of the same content asks no more', async () => {
    const { starts, store } = setup();
    fireEvent.click(button('Run anyway', await clickRun()));
    await waitFor(() => expect(store.getState().run?.runId).toBe('run-1'));
    expect(starts.map((s) => s.consent)).toEqual([undefined, asked.fingerprint]);
    expect(screen.queryByRole('dialog')).toBeNull();

    act(() => store.getState().clearRun());
    fireEvent.click(button('Run'));
    await waitFor(() => expect(starts).toHaveLength(4));
    expect(starts[3]?.consent).toBe(asked.fingerprint);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Escape is Cancel', async () => {
    const { starts } = setup();
    fireEvent.keyDown(await clickRun(), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(starts).toHaveLength(1);
  });
});

describe('Clean up', () => {
  const volumes: ProjectVolume[] = [
    { name: 'box-data', nodeId: 'data', sizeBytes: 23 * 1024 * 1024, external: false },
    { name: 'box-cache', nodeId: 'cache', external: false },
  ];

  it('without named volumes cleans up at once', async () => {
    const { cleanups } = setup([]);
    fireEvent.click(button('Clean up'));
    await waitFor(() => expect(cleanups).toEqual([{ project: 'box' }]));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('with named volumes lists them with sizes; they are kept unless the box is ticked', async () => {
    const { cleanups, store } = setup(volumes);
    const clean = button('Clean up');
    clean.focus();
    fireEvent.click(clean);
    const dialog = await screen.findByRole('dialog', { name: 'Clean up box?' });
    const list = within(dialog).getByRole('list', { name: 'Named volumes' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['box-data23 MiB', 'box-cachesize unknown']);
    const box = within(dialog).getByRole('checkbox', { name: 'Also remove these volumes and their data' });
    expect((box as HTMLInputElement).checked).toBe(false);

    fireEvent.click(button('Cancel', dialog));
    await waitFor(() => expect(store.getState().busy).toBeNull());
    expect(document.activeElement).toBe(button('Clean up'));
    expect(cleanups).toEqual([]);

    fireEvent.click(button('Clean up'));
    fireEvent.click(button('Clean up', await screen.findByRole('dialog', { name: 'Clean up box?' })));
    await waitFor(() => expect(cleanups).toEqual([{ project: 'box' }]));

    fireEvent.click(button('Clean up'));
    const again = await screen.findByRole('dialog', { name: 'Clean up box?' });
    fireEvent.click(within(again).getByRole('checkbox'));
    fireEvent.click(button('Clean up and remove data', again));
    await waitFor(() => expect(cleanups).toEqual([{ project: 'box' }, { project: 'box', volumes: true }]));
  });
});
