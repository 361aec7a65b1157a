import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineStatus, RequestInput } from '../../../shared/ipc/contract';
import { makeTopology } from '../../../shared/testing/topologies';
import type { Topology } from '../../../shared/topology';
import { ApiProvider } from '../api/api-context';
import { createAppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeMainSide } from '../testing/main-side.fake';
import { RunToolbar } from './run-toolbar';

const connected: EngineStatus = {
  state: 'connected',
  host: 'unix:///var/run/docker.sock',
  version: '27.0.0',
  apiVersion: '1.46',
  since: '2026-12-01T10:00:00.000Z',
};

const withProfiles = makeTopology(
  {
    app: { kind: 'service', image: 'busybox' },
    debugger: { kind: 'service', image: 'busybox', profiles: ['debug'] },
    seed: { kind: 'job', image: 'busybox', profiles: ['dev', 'debug'] },
  },
  { metadata: { name: 'shop' } },
);
const plain = makeTopology({ app: { kind: 'service', image: 'busybox' } }, { metadata: { name: 'plain' } });

let close: (() => void) | undefined;
afterEach(() => {
  cleanup();
  close?.();
  close = undefined;
});

function setup(doc: Topology, path: string) {
  const starts: RequestInput<'runs.start'>[] = [];
  const side = fakeMainSide({
    'runs.start': (input) => {
      starts.push(input);
      return {
        runId: `run-${starts.length}`,
        project: input.topology.metadata.name,
        idempotencyKey: input.idempotencyKey,
        state: 'running',
        startedAt: '2026-12-01T10:00:01.000Z',
        nodes: {},
      };
    },
  });
  close = side.close;
  const store = createAppStore();
  store.getState().loadDocument(doc, path);
  store.getState().setEngineStatus(connected);
  render(
    <ApiProvider api={side.api}>
      <StoreProvider store={store}>
        <RunToolbar />
      </StoreProvider>
    </ApiProvider>,
  );
  return { store, starts };
}

const picker = () => screen.getByRole('button', { name: /^Profiles:/ });

describe('the profile picker', () => {
  it('is not there when no node has profiles, and runs send none', async () => {
    const { starts } = setup(plain, 'plain.yaml');
    expect(screen.queryByRole('button', { name: /^Profiles/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(starts).toHaveLength(1));
    expect(starts[0]).not.toHaveProperty('profiles');
  });

  it("lists the document's profiles as checkboxes; the choice goes with Run, remembered per document", async () => {
    const { store, starts } = setup(withProfiles, 'shop.yaml');
    expect(picker().textContent).toBe('Profiles: none ▾');
    expect(picker().getAttribute('aria-haspopup')).toBe('menu');

    fireEvent.click(picker());
    expect(picker().getAttribute('aria-expanded')).toBe('true');
    const menu = screen.getByRole('menu', { name: 'Profiles' });
    const items = within(menu).getAllByRole('menuitemcheckbox');
    expect(items.map((item) => [item.textContent, item.getAttribute('aria-checked')])).toEqual([
      ['☐debug', 'false'],
      ['☐dev', 'false'],
    ]);
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(items[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.click(within(menu).getByRole('menuitemcheckbox', { name: /dev/ }));
    expect(within(menu).getByRole('menuitemcheckbox', { name: /dev/ }).getAttribute('aria-checked')).toBe(
      'true',
    );
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(picker());
    expect(picker().textContent).toBe('Profiles: dev ▾');

    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(starts).toHaveLength(1));
    expect(starts[0]?.profiles).toEqual(['dev']);

    // Another document has its own choice; coming back brings this one back.
    act(() => store.getState().loadDocument({ ...withProfiles, metadata: { name: 'other' } }, 'other.yaml'));
    expect(picker().textContent).toBe('Profiles: none ▾');
    act(() => store.getState().loadDocument(withProfiles, 'shop.yaml'));
    expect(picker().textContent).toBe('Profiles: dev ▾');
  });

  it('gives each choice of profiles its own idempotency key', async () => {
    const { store, starts } = setup(withProfiles, 'shop.yaml');
    const run = () => fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    run();
    await waitFor(() => expect(starts).toHaveLength(1));
    act(() => store.getState().clearRun());
    act(() => store.getState().setActiveProfiles('file:shop.yaml', ['debug']));
    run();
    await waitFor(() => expect(starts).toHaveLength(2));
    expect(starts.map((s) => s.profiles)).toEqual([[], ['debug']]);
    expect(starts[0]?.idempotencyKey).not.toBe(starts[1]?.idempotencyKey);
  });
});
