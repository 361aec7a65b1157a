import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineInfo, EngineStatus } from '../../../shared/ipc/contract';
import { createAppStore } from '../store/app-store';
import { startEngineSync } from '../store/engine-sync';
import { StoreProvider } from '../store/store-context';
import { fakeMainSide } from '../testing/main-side.fake';
import { EngineBadge } from './engine-badge';
import { EngineNotice } from './engine-notice';

const since = '2026-11-28T10:00:00.000Z';
const connected: EngineStatus = {
  state: 'connected',
  host: 'unix:///var/run/docker.sock',
  version: '20.10.24',
  apiVersion: '1.41',
  since,
};
const info: EngineInfo = {
  reachable: true,
  host: connected.host,
  name: 'box',
  version: '20.10.24',
  apiVersion: '1.41',
  os: 'Debian GNU/Linux 12',
  osType: 'linux',
  arch: 'x86_64',
  kernelVersion: '6.1',
  containers: 2,
  containersRunning: 1,
  images: 5,
};

/** The real contract client and dispatcher over an in-memory wire; the main side's state is scripted. */
function mainSide(initial: EngineStatus) {
  let status = initial;
  const side = fakeMainSide({
    'engine.info': () =>
      status.state === 'connected'
        ? info
        : {
            reachable: false,
            host: status.host,
            error: { code: 'ENGINE_UNAVAILABLE', message: status.reason ?? '' },
          },
    'engine.images': () => [],
    'engine.status': () => status,
  });
  return {
    api: side.api,
    push: (next: EngineStatus) => {
      status = next;
      side.pushBatch([{ event: 'engine.status', payload: next }]);
    },
  };
}

afterEach(cleanup);

function renderShellParts(initial: EngineStatus) {
  const side = mainSide(initial);
  const store = createAppStore();
  const stop = startEngineSync(side.api, store);
  render(
    <StoreProvider store={store}>
      <EngineBadge />
      <EngineNotice />
    </StoreProvider>,
  );
  return { ...side, stop };
}

describe('EngineBadge', () => {
  it('shows the engine version fed through the contract', async () => {
    const { stop } = renderShellParts(connected);
    const badge = screen.getByRole('status', { name: 'Docker engine' });
    await expect.poll(() => badge.textContent).toBe('Docker 20.10.24 · API 1.41');
    expect(badge.getAttribute('title')).toContain('2 containers');
    expect(screen.queryByRole('alert')).toBeNull();
    stop();
  });

  it('follows engine.status pushes: says plainly when the engine goes away and when it returns', async () => {
    const { push, stop } = renderShellParts(connected);
    const badge = screen.getByRole('status', { name: 'Docker engine' });
    await expect.poll(() => badge.textContent).toContain('Docker 20.10.24');
    act(() =>
      push({
        state: 'disconnected',
        host: connected.host,
        reason: 'Docker engine not reachable: ENOENT',
        since,
      }),
    );
    await expect.poll(() => badge.textContent).toBe('Docker engine unreachable');
    expect(screen.getByRole('alert').textContent).toContain('Docker engine not reachable: ENOENT');
    act(() => push({ ...connected, version: '24.0.7', since }));
    await expect.poll(() => screen.queryByRole('alert')).toBeNull();
    expect(badge.textContent).toMatch(/^Docker /);
    stop();
  });

  it('shows connecting before anything is known', () => {
    const store = createAppStore();
    render(
      <StoreProvider store={store}>
        <EngineBadge />
      </StoreProvider>,
    );
    expect(screen.getByRole('status', { name: 'Docker engine' }).textContent).toBe('Connecting to Docker…');
  });
});
