import { createApi, type Api } from '../../../shared/ipc/api';
import type { DockwrightBridge } from '../../../shared/ipc/bridge';
import { createWireTransport } from '../../../shared/ipc/wire-client';
import { createElectronTransport } from './electron-transport';
import { createWebSocketWire } from './websocket-wire';

declare global {
  interface Window {
    dockwright?: DockwrightBridge;
  }
}

/** Chosen once at start: the preload bridge inside Electron, the WebSocket in the web mode. */
export function createPlatformApi(): Api {
  if (window.dockwright) {
    return createApi(createElectronTransport(window.dockwright), {
      transport: 'electron',
      nativeDialogs: true,
    });
  }
  const url = new URL('api/ws', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  return createApi(createWireTransport(createWebSocketWire(url.href)), {
    transport: 'web',
    nativeDialogs: false,
  });
}
