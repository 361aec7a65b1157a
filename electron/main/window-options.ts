import type { BrowserWindowConstructorOptions } from 'electron';

/** The app's own origin: pages are served from this custom, privileged scheme, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'dockwright';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

export interface WindowOptionsInput {
  /** DevTools only in development: a packaged build (`app.isPackaged`) passes false. */
  readonly devTools: boolean;
}

/** Hardened window: isolated, sandboxed renderer with no Node and web security on. */
export function createWindowOptions(
  preloadPath: string,
  input: WindowOptionsInput = { devTools: false },
): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Dockwright',
    show: false,
    backgroundColor: '#0f1419',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: input.devTools,
    },
  };
}
