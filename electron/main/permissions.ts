import { isAppUrl } from './window-options';

/**
 * Permissions the app's own page may have. None: the renderer uses no camera, microphone,
 * notification, geolocation, device or clipboard-read API, and copies text without the async
 * clipboard permission (renderer/src/ui/clipboard.ts falls back). A feature that needs one adds
 * it here, with its test.
 */
export const APP_PERMISSIONS: ReadonlySet<string> = new Set<string>();

/** Whether `permission` is granted to a page at `requestingUrl` (a URL or an origin). */
export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  return APP_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** The parts of Electron's Session that permission handling touches. */
export interface PermissionSessionLike {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean,
  ): void;
  setDevicePermissionHandler(handler: (details: { origin: string }) => boolean): void;
}

/**
 * Answers every permission request and check of the session from APP_PERMISSIONS, and refuses
 * every device (HID, serial, USB) outright. `onDenied` hears each refused request, not checks
 * (Chromium checks often, without the page asking for anything).
 */
export function hardenPermissions(
  session: PermissionSessionLike,
  onDenied: (permission: string, requestingUrl: string) => void = () => undefined,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const url = details.requestingUrl ?? '';
    const granted = isPermissionGranted(permission, url);
    if (!granted) onDenied(permission, url);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}
