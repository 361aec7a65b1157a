import { describe, expect, it } from 'vitest';
import { ELECTRON_EVENTS_CHANNEL, ELECTRON_INVOKE_CHANNEL } from '../../shared/ipc/channels';
import type { ResponseEnvelope } from '../../shared/ipc/envelope';
import { createAppServices } from '../app/services';
import { silentLogger } from '../common/logger';
import { bindIpc, isTrustedFrame, type FrameLike, type IpcMainLike } from './ipc-adapter';

const appFrame: FrameLike = { url: 'app://dockwright/index.html', parent: null };

function fakeIpcMain() {
  const handlers = new Map<
    string,
    (event: { senderFrame: FrameLike | null }, ...args: unknown[]) => unknown
  >();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

describe('isTrustedFrame', () => {
  it('trusts only the app page in the top frame', () => {
    expect(isTrustedFrame(appFrame)).toBe(true);
    expect(isTrustedFrame(null)).toBe(false);
    expect(isTrustedFrame({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedFrame({ url: 'app://dockwright/index.html', parent: appFrame })).toBe(false);
  });
});

describe('bindIpc', () => {
  it('routes invoke to the dispatcher, refuses untrusted senders, and pushes events', async () => {
    const services = createAppServices({
      logger: silentLogger,
      dataDir: '/tmp',
      env: { DOCKER_HOST: 'unix:///nonexistent.sock' },
    });
    const { ipcMain, handlers } = fakeIpcMain();
    const sent: unknown[][] = [];
    const unbind = bindIpc(ipcMain, services.dispatcher, services.hub, () => ({
      isDestroyed: () => false,
      send: (...args) => void sent.push(args),
    }));
    try {
      const invoke = handlers.get(ELECTRON_INVOKE_CHANNEL)!;
      const ok = (await invoke(
        { senderFrame: appFrame },
        { id: 'a', channel: 'engine.status', payload: {} },
      )) as ResponseEnvelope;
      expect(ok).toMatchObject({ id: 'a', ok: true });
      const bad = (await invoke(
        { senderFrame: appFrame },
        { id: 'b', channel: 'engine.info', payload: 42 },
      )) as ResponseEnvelope;
      expect(bad).toMatchObject({ id: 'b', ok: false, error: { code: 'INVALID_INPUT' } });
      const foreign = (await invoke(
        { senderFrame: { url: 'https://evil.example/', parent: null } },
        { id: 'c', channel: 'engine.info', payload: {} },
      )) as ResponseEnvelope;
      expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

      services.hub.emit('engine.status', {
        state: 'disconnected',
        host: 'x',
        since: new Date().toISOString(),
      });
      services.hub.flush();
      expect(sent.at(-1)?.[0]).toBe(ELECTRON_EVENTS_CHANNEL);
      expect(sent.at(-1)?.[1]).toEqual([expect.objectContaining({ event: 'engine.status' })]);
    } finally {
      unbind();
      await services.dispose();
    }
    expect(handlers.size).toBe(0);
  });
});
