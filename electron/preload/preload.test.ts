import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DockwrightBridge } from '../../shared/ipc/bridge';
import { ELECTRON_EVENTS_CHANNEL, ELECTRON_INVOKE_CHANNEL, EVENT_NAMES } from '../../shared/ipc/channels';

// The Electron binary cannot run here, so this is the one place with a test double of 'electron'.
const exposed: Record<string, unknown> = {};
const invokeCalls: unknown[][] = [];
const rendererListeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      exposed[key] = value;
    },
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      invokeCalls.push(args);
      return Promise.resolve({ id: (args[1] as { id: string }).id, ok: true, result: {} });
    },
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      rendererListeners.set(channel, listener);
    },
  },
}));

let bridge: DockwrightBridge;

beforeEach(async () => {
  vi.resetModules();
  invokeCalls.length = 0;
  for (const key of Object.keys(exposed)) delete exposed[key];
  await import('./preload');
  bridge = exposed.dockwright as DockwrightBridge;
});

describe('the preload', () => {
  it('exposes one frozen object with invoke and subscribe, and no ipcRenderer', () => {
    expect(Object.keys(exposed)).toEqual(['dockwright']);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['eventNames', 'invoke', 'subscribe']);
    expect(JSON.stringify(Object.keys(bridge))).not.toContain('ipcRenderer');
    expect(bridge.eventNames).toEqual(EVENT_NAMES);
  });

  it('forwards allow-listed channels in an envelope, and refuses others without calling Electron', async () => {
    const ok = await bridge.invoke(
      'engine.info',
      {},
      { id: 'r1', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    );
    expect(ok).toMatchObject({ id: 'r1', ok: true });
    expect(invokeCalls).toEqual([
      [
        ELECTRON_INVOKE_CHANNEL,
        {
          id: 'r1',
          channel: 'engine.info',
          payload: {},
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        },
      ],
    ]);
    for (const channel of ['shell.openExternal', 'dockwright:invoke', '__proto__', 'constructor']) {
      await expect(bridge.invoke(channel, {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL' },
      });
    }
    expect(invokeCalls).toHaveLength(1);
  });

  it('subscribes to contract events only, passes payloads but never the Electron event', () => {
    expect(() => bridge.subscribe('ipc.raw', () => {})).toThrow(/unknown event/);
    const received: unknown[][] = [];
    const off = bridge.subscribe('engine.status', (...args: unknown[]) => received.push(args));
    const deliver = rendererListeners.get(ELECTRON_EVENTS_CHANNEL)!;
    const rawElectronEvent = { sender: { send: () => {} }, ports: [] };
    deliver(rawElectronEvent, [
      { event: 'engine.status', payload: { state: 'connected' } },
      { event: 'other', payload: 1 },
    ]);
    expect(received).toEqual([[{ state: 'connected' }]]);
    off();
    deliver(rawElectronEvent, [{ event: 'engine.status', payload: { state: 'disconnected' } }]);
    expect(received).toHaveLength(1);
  });
});
