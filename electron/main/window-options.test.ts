import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import { hardenWebContents, type WebContentsLike } from './harden';
import { createWindowOptions, isAppUrl } from './window-options';

describe('the Electron window', () => {
  const options = createWindowOptions('/app/dist/electron/preload.cjs');
  const prefs = options.webPreferences!;

  it('isolates and sandboxes the renderer, without Node', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
  });

  it('has DevTools only when asked for (development), never by default', () => {
    expect(prefs.devTools).toBe(false);
    expect(createWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
    expect(createWindowOptions('/p.cjs', { devTools: false }).webPreferences?.devTools).toBe(false);
  });

  it('keeps web security on', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('has a strict Content-Security-Policy: own scripts only, no eval, no framing, no plugins', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values];
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/);
  });

  it('recognises only its own origin as the app', () => {
    expect(isAppUrl('app://dockwright/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://dockwright/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const handlers: Record<string, (event: { preventDefault(): void }, url?: string) => void> = {};
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents: WebContentsLike = {
      setWindowOpenHandler: (handler) => {
        openHandler = handler;
      },
      on: (event: string, listener: (event: { preventDefault(): void }, url?: string) => void) => {
        handlers[event] = listener;
      },
    } as WebContentsLike;
    const attempt = (event: string, url?: string) => {
      let prevented = false;
      handlers[event]!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    return { contents, attempt, open: (url: string) => openHandler!({ url }) };
  }

  it('denies every new window and hands only allow-listed https links to the system browser', () => {
    const opened: string[] = [];
    const { contents, open } = fakeContents();
    hardenWebContents(contents, { openExternal: (url) => opened.push(url) });
    expect(open('https://docs.docker.com/')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.docker.com/']);
  });

  it('blocks navigation and redirects away from the app, and webviews', () => {
    const opened: string[] = [];
    const { contents, attempt } = fakeContents();
    hardenWebContents(contents, { openExternal: (url) => opened.push(url) });
    expect(attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(attempt('will-navigate', 'https://github.com/')).toBe(true);
    expect(attempt('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(attempt('will-redirect', 'https://docs.docker.com/')).toBe(true);
    expect(attempt('will-navigate', 'app://dockwright/index.html')).toBe(false);
    expect(attempt('will-attach-webview')).toBe(true);
    // A followed link to an allowed page opens in the browser; a redirect to one does not.
    expect(opened).toEqual(['https://github.com/']);
  });
});
