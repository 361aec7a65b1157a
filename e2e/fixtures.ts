import { test as base, _electron, type Browser } from '@playwright/test';
import { findElectronBinary } from '../scripts/electron-binary.mjs';
import { AppPage } from './pages/app-page';
import { ROOT, startServer, type RunningServer } from './support/server';

interface WorkerFixtures {
  server: RunningServer;
  /** Chromium, launched on first use (never in the electron project). */
  webBrowser: () => Promise<Browser>;
}

interface TestFixtures {
  app: AppPage;
  /** Console errors and CSP violations the page reported. */
  consoleErrors: string[];
}

/**
 * `app` is the Dockwright window: a Chromium page on the web mode in the `web` project, the
 * Electron window in the `electron` project (skipped, with the reason, where no binary exists).
 */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  webBrowser: [
    async ({ playwright }, use, workerInfo) => {
      let browser: Promise<Browser> | undefined;
      await use(() => (browser ??= playwright.chromium.launch(workerInfo.project.use.launchOptions)));
      if (browser) await (await browser).close();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern -- as above
  consoleErrors: async ({}, use) => {
    await use([]);
  },
  app: async ({ server, webBrowser, consoleErrors }, use, testInfo) => {
    if (testInfo.project.name === 'electron') {
      // The Electron window talks to its own main process over IPC; `server` is unused there.
      const binary = findElectronBinary();
      testInfo.skip(
        !binary,
        'Electron binary not available on this machine; these specs run in the web project',
      );
      const electronApp = await _electron.launch({ executablePath: binary!, args: [ROOT] });
      const window = await electronApp.firstWindow();
      await use(new AppPage(window));
      await electronApp.close();
      return;
    }
    const context = await (
      await webBrowser()
    ).newContext({ viewport: testInfo.project.use.viewport ?? null });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    // A blocked eval or script is not always a console error (a caught one is not): the page's
    // own violation events are the record of what the Content-Security-Policy refused.
    await page.exposeFunction('__dockwrightCspViolation', (text: string) => consoleErrors.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { __dockwrightCspViolation: (text: string) => void })
          .__dockwrightCspViolation;
        report(`CSP violation: ${event.violatedDirective} at ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    await page.goto(server.url);
    await use(new AppPage(page));
    await context.close();
  },
});

export { expect } from '@playwright/test';
