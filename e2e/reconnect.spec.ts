import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { startServer } from './support/server';

const BUSYBOX = 'dockwright-test/busybox:1';

test.describe('the web mode link', () => {
  // eslint-disable-next-line no-empty-pattern -- Playwright passes fixtures first
  test.beforeEach(({}, testInfo) => {
    testInfo.skip(testInfo.project.name === 'electron', 'the desktop window has no server to lose');
  });

  test('reconnects after the server restarts on the same port, and reads again what it shows', async ({
    webBrowser,
  }) => {
    test.setTimeout(120_000);
    const project = `dwtest-link-${randomBytes(3).toString('hex')}`;
    let server = await startServer();
    const { port, dataDir } = server;
    const context = await (await webBrowser()).newContext();
    try {
      const app = new AppPage(await context.newPage());
      const link = app.page.getByRole('status', { name: 'Connection to Dockwright' });
      await app.page.goto(server.url);
      await expect(app.engineBadge).toContainText(/Docker \d/);
      await expect(link).toHaveCount(0);

      await server.stop({ keepDataDir: true });
      await expect(link).toHaveText('Reconnecting…');

      // While it is away, an earlier session's container appears: only a resync can show it.
      execFileSync('docker', [
        'run',
        '-d',
        '--name',
        `${project}-web`,
        '--label',
        `dockwright.project=${project}`,
        '--label',
        'dockwright.node=web',
        '--label',
        'dockwright.kind=service',
        BUSYBOX,
        'sleep',
        '600',
      ]);
      server = await startServer({}, { port, dataDir });
      await expect(link).toHaveCount(0, { timeout: 30_000 });
      await expect(app.engineBadge).toContainText(/Docker \d/);
      await expect(app.page.getByRole('region', { name: 'Resources from an earlier session' })).toContainText(
        project,
      );
      // Requests work again: adopting it answers, and the banner lets it go.
      await app.page.getByRole('button', { name: `Adopt ${project}` }).click();
      await expect(app.page.getByRole('button', { name: `Adopt ${project}` })).toHaveCount(0);
    } finally {
      await context.close();
      execFileSync('docker', ['rm', '-f', `${project}-web`], { stdio: 'ignore' });
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
