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
  /** Where to send links the user clicks (the system browser), if anywhere. */
  openExternal?: (url: string) => void;
}

/** No new windows, no navigation away from the app, no webviews. */
export function hardenWebContents(contents: WebContentsLike, options: HardenOptions = {}): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) options.openExternal?.(url);
    return { action: 'deny' };
  });
  const keepInApp = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', keepInApp);
  contents.on('will-redirect', keepInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
