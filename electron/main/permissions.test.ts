import { describe, expect, it } from 'vitest';
import {
  APP_PERMISSIONS,
  hardenPermissions,
  isPermissionGranted,
  type PermissionSessionLike,
} from './permissions';

// Every permission Electron 45 can ask about (its `setPermissionRequestHandler` type).
const ELECTRON_PERMISSIONS = [
  'ar',
  'automatic-fullscreen',
  'background-fetch',
  'background-sync',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'geolocation-approximate',
  'hand-tracking',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'nfc',
  'notifications',
  'openExternal',
  'payment-handler',
  'periodic-background-sync',
  'persistent-storage',
  'pointerLock',
  'screen-wake-lock',
  'sensors',
  'serial',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'system-wake-lock',
  'top-level-storage-access',
  'usb',
  'vr',
  'web-app-installation',
  'web-printing',
  'window-management',
  'unknown',
];

function fakeSession() {
  const handlers: {
    request?: Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0];
    check?: Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0];
    device?: Parameters<PermissionSessionLike['setDevicePermissionHandler']>[0];
  } = {};
  const session: PermissionSessionLike = {
    setPermissionRequestHandler: (handler) => void (handlers.request = handler),
    setPermissionCheckHandler: (handler) => void (handlers.check = handler),
    setDevicePermissionHandler: (handler) => void (handlers.device = handler),
  };
  const request = (permission: string, requestingUrl: string) => {
    let answer: boolean | undefined;
    handlers.request!(null, permission, (granted) => (answer = granted), { requestingUrl });
    return answer;
  };
  return { session, handlers, request };
}

describe('permissions', () => {
  it('grants the app nothing: it uses no permission', () => {
    expect([...APP_PERMISSIONS]).toEqual([]);
    for (const permission of ELECTRON_PERMISSIONS) {
      expect(isPermissionGranted(permission, 'app://dockwright/index.html'), permission).toBe(false);
      expect(isPermissionGranted(permission, 'https://evil.example/'), permission).toBe(false);
    }
  });

  it('answers every request, check and device request of the session with a refusal, and reports requests', () => {
    const { session, handlers, request } = fakeSession();
    const denied: string[] = [];
    hardenPermissions(session, (permission, url) => denied.push(`${permission} ${url}`));
    for (const permission of ELECTRON_PERMISSIONS) {
      expect(request(permission, 'app://dockwright/index.html'), permission).toBe(false);
      expect(handlers.check!(null, permission, 'app://dockwright'), permission).toBe(false);
    }
    expect(handlers.device!({ origin: 'app://dockwright' })).toBe(false);
    expect(denied).toHaveLength(ELECTRON_PERMISSIONS.length);
    expect(denied[0]).toBe('ar app://dockwright/index.html');
  });
});
