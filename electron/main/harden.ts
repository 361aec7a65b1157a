import { isAllowedExternalUrl } from './external-links';
import { isAppUrl } from './window-options';

/** The parts of Electron's WebContents that hardening touches. */
export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

export interface HardenOptions {
  /** Where to send allowed links the user opens (the system browser), if anywhere. */
  openExternal?: (url: string) => void;
}

/**
 * No new windows, no navigation away from the app, no webviews. A link to an allowed https page
 * (external-links.ts), opened as a new window or followed in place, goes to the system browser;
 * any other URL goes nowhere.
 */
export function hardenWebContents(contents: WebContentsLike, options: HardenOptions = {}): void {
  const openIfAllowed = (url: string) => {
    if (isAllowedExternalUrl(url)) options.openExternal?.(url);
  };
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openIfAllowed(url);
  });
  // A redirect is not something the user chose to open: it is only stopped.
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
