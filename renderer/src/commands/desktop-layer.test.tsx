import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type AppSettings, type SettingsView } from '../../../shared/ipc/contract';
import { ApiProvider } from '../api/api-context';
import { FileMenu } from '../files/file-menu';
import { startSettingsSync } from '../settings/settings-sync';
import { createAppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeMainSide, type FakeMainSide } from '../testing/main-side.fake';
import { DesktopLayer } from './desktop-layer';
import { HeaderActions } from './header-actions';

const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanup();
  for (const stop of cleanups.splice(0)) stop();
});

function renderDesktop(initial: Partial<AppSettings> = {}) {
  let settings: AppSettings = { ...DEFAULT_SETTINGS, ...initial };
  const patches: unknown[] = [];
  const tests: unknown[] = [];
  const view = (): SettingsView => ({
    settings,
    dataDir: '/data',
    file: '/data/settings.json',
    engineHost: 'unix:///var/run/docker.sock',
    notes: [],
  });
  const side: FakeMainSide = fakeMainSide({
    'settings.get': () => view(),
    'settings.set': ({ patch }) => {
      patches.push(patch);
      settings = { ...settings, ...patch };
      side.push('settings.changed', view());
      return view();
    },
    'engine.contexts': () => [],
    'engine.test': ({ engine }) => {
      tests.push(engine);
      return {
        ok: true,
        host: 'unix:///var/run/docker.sock',
        message: 'Docker 27.1 answered in 3 ms.',
        durationMs: 3,
      };
    },
    'files.recent': () => [],
    'files.list': () => [],
  });
  const store = createAppStore();
  const stop = startSettingsSync(side.api, store);
  cleanups.push(stop, side.close);
  render(
    <ApiProvider api={side.api}>
      <StoreProvider store={store}>
        <FileMenu />
        <HeaderActions />
        <DesktopLayer />
      </StoreProvider>
    </ApiProvider>,
  );
  return { side, store, patches, tests };
}

const press = (key: string, init: KeyboardEventInit = {}) =>
  act(() => {
    fireEvent.keyDown(document.activeElement ?? window, { key, ...init });
  });

describe('the first run', () => {
  it('welcomes a fresh data dir; choosing a template marks it seen and opens the gallery', async () => {
    const { patches, store } = renderDesktop();
    const welcome = await screen.findByRole('dialog', { name: 'Welcome to Dockwright' });
    fireEvent.click(within(welcome).getByRole('button', { name: /A template/ }));
    await waitFor(() => expect(patches).toContainEqual({ welcomeDismissed: true }));
    const gallery = await screen.findByRole('dialog', { name: 'New from template' });
    fireEvent.click(within(gallery).getByRole('button', { name: 'Use this template: ETL job chain' }));
    await waitFor(() => expect(Object.keys(store.getState().doc.spec.nodes)).toHaveLength(5));
    expect(Object.keys(store.getState().doc.layout?.nodes ?? {})).toHaveLength(5);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('does not welcome again once dismissed', async () => {
    renderDesktop({ welcomeDismissed: true });
    await screen.findByRole('toolbar', { name: 'App' });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(screen.queryByRole('dialog', { name: 'Welcome to Dockwright' })).toBeNull();
  });
});

describe('the command palette', () => {
  it('opens with Ctrl+K, filters as typed, runs with Enter, and lists what cannot run with why', async () => {
    const { store } = renderDesktop({ welcomeDismissed: true });
    await screen.findByRole('toolbar', { name: 'App' });
    press('k', { ctrlKey: true });
    const palette = await screen.findByRole('dialog', { name: 'Command palette' });
    const input = within(palette).getByRole('combobox', { name: 'Command' });
    expect(document.activeElement).toBe(input);

    fireEvent.change(input, { target: { value: 'rerun' } });
    const rerun = within(palette).getByRole('option', { selected: true });
    expect(rerun.getAttribute('aria-disabled')).toBe('true');
    expect(rerun.textContent).toMatch(/Docker engine/);
    press('Enter');
    expect(screen.getByRole('dialog', { name: 'Command palette' })).toBeTruthy();

    fireEvent.change(input, { target: { value: 'show logs' } });
    expect(within(palette).getByRole('option', { selected: true }).textContent).toMatch(/Show Logs/);
    press('Enter');
    await waitFor(() => expect(store.getState().bottomPanel).toBe('logs'));
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
  });

  it('moves with the arrow keys, and Escape closes it', async () => {
    renderDesktop({ welcomeDismissed: true });
    await screen.findByRole('toolbar', { name: 'App' });
    press('k', { metaKey: true });
    const palette = await screen.findByRole('dialog', { name: 'Command palette' });
    const first = within(palette).getByRole('option', { selected: true }).id;
    press('ArrowDown');
    expect(within(palette).getByRole('option', { selected: true }).id).not.toBe(first);
    press('ArrowUp');
    expect(within(palette).getByRole('option', { selected: true }).id).toBe(first);
    press('Escape');
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
  });
});

describe('settings', () => {
  it('come from a menu command; Test tries the engine in the form; Save applies the theme and the log buffer', async () => {
    const { side, store, patches, tests } = renderDesktop({ welcomeDismissed: true });
    await screen.findByRole('toolbar', { name: 'App' });
    act(() => side.push('app.command', { command: 'file.settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    expect(within(dialog).getByLabelText<HTMLInputElement>('Data directory').value).toBe('/data');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Test' }));
    await within(dialog).findByText('Docker 27.1 answered in 3 ms.');
    expect(tests).toEqual([{ kind: 'default' }]);

    fireEvent.click(within(dialog).getByRole('radio', { name: 'Dark' }));
    fireEvent.change(within(dialog).getByLabelText('Log lines kept per node'), { target: { value: '2000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add header' }));
    fireEvent.change(within(dialog).getByLabelText('Header 1 name'), { target: { value: 'x-key' } });
    const value = within(dialog).getByLabelText('Header 1 value');
    expect(value.getAttribute('type')).toBe('password');
    fireEvent.change(value, { target: { value: 's3cret' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull());
    expect(patches.at(-1)).toMatchObject({
      theme: 'dark',
      logBufferLines: 2000,
      otlp: { headers: { 'x-key': 's3cret' } },
    });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(store.getState().logs.capacityPerNode).toBe(2000);
  });
});
