import path from 'node:path';
import { expect, test } from './fixtures';
import { EditorPage } from './pages/editor-page';
import { ROOT } from './support/server';
import { docker, openTopology, removeProject } from './support/topologies';

const HTTP_IMAGE = 'dockwright-test/http:1';

declare global {
  interface Window {
    /** Every value the web node's data-health attribute took, in order (recorded by the test). */
    __healthSeen?: string[];
  }
}

test.describe('health and metrics', () => {
  const projects: string[] = [];
  // eslint-disable-next-line no-empty-pattern -- Playwright passes fixtures first
  test.beforeEach(({}, testInfo) => {
    testInfo.skip(testInfo.project.name === 'electron', 'covered by the web project');
  });
  test.afterEach(() => {
    for (const project of projects.splice(0)) removeProject(project);
  });

  test('a killed service is detected and healed, live on the node, in Health and in Metrics', async ({
    app,
    server,
  }) => {
    test.setTimeout(150_000);
    const page = app.page;
    const editor = new EditorPage(page);
    const project = `health-${Date.now().toString(36)}`;
    projects.push(project);
    await openTopology(page, server.dataDir, project, {
      web: {
        kind: 'service',
        image: HTTP_IMAGE,
        // Checked every second by the engine; one failure makes it unhealthy.
        healthcheck: {
          test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1'],
          interval: '1s',
          retries: 1,
        },
        recovery: { restartUnhealthy: true, restartOnExit: true, maxRestarts: 3, window: '5m' },
      },
    });
    const node = editor.node('web');
    const badge = page.getByTestId('health-badge-web');

    await test.step('run: the service turns healthy on the node and in the Health panel', async () => {
      await editor.button('Run').click();
      await expect(node).toHaveAttribute('data-health', 'healthy', { timeout: 60_000 });
      await expect(badge).toHaveText('♥ healthy');
      await page.getByRole('tab', { name: 'Health' }).click();
      const table = page.getByRole('table', { name: 'Health' });
      await expect(table.getByRole('row', { name: /^web / })).toHaveAttribute('data-health', 'healthy');
      await expect(page.getByTestId('health-summary')).toHaveText('1 healthy');
      await expect(page.getByTestId('health-restarts-web')).toHaveText('0');
      // The panel reads the latest checks while it is open: passing ones, a second apart.
      await expect(page.getByRole('list', { name: 'Recent checks' }).getByRole('listitem')).not.toHaveCount(
        0,
      );
    });

    await test.step('Kill: the monitor notices, restarts it, and it is healthy again with one restart', async () => {
      await page.evaluate(() => {
        const seen: string[] = [];
        window.__healthSeen = seen;
        new MutationObserver((records) => {
          for (const record of records) {
            const element = record.target as HTMLElement;
            if (element.dataset.testid === 'node-web') seen.push(element.dataset.health ?? '');
          }
        }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-health'] });
      });
      await node.getByRole('button', { name: 'Kill web' }).click();

      await expect(page.getByTestId('health-restarts-web')).toHaveText('1', { timeout: 30_000 });
      await expect(node).toHaveAttribute('data-health', 'healthy', { timeout: 30_000 });
      await expect(badge).toHaveText('♥ healthy · ↻1');
      const seen = await page.evaluate(() => window.__healthSeen ?? []);
      // Detected (unhealthy, or straight to starting when the restart follows in the same frame),
      // then healthy again.
      expect(seen.findIndex((state) => state === 'unhealthy' || state === 'starting')).toBeGreaterThanOrEqual(
        0,
      );
      expect(seen.at(-1)).toBe('healthy');
      const row = page.getByRole('table', { name: 'Health' }).getByRole('row', { name: /^web / });
      await expect(row).toContainText('recovered in');
      await expect(page.getByTestId('health-summary')).toHaveText('1 healthy');
      // The container was restarted, not replaced by a second one.
      expect(docker('ps', '-q', '--filter', `label=dockwright.project=${project}`).split('\n')).toHaveLength(
        1,
      );
      await page
        .getByRole('region', { name: 'Run panels' })
        .screenshot({ path: path.join(ROOT, 'docs', 'screenshots', 'health.png') });
    });

    await test.step('Metrics: the CPU chart draws the service, and its samples keep coming', async () => {
      await page.getByRole('tab', { name: 'Metrics' }).click();
      const cpu = page.getByRole('figure', { name: 'CPU per service' });
      await expect(cpu.locator('.uplot canvas')).toHaveCount(1);
      const web = cpu.getByRole('list', { name: 'CPU per service: values' }).getByRole('listitem');
      await expect(web.filter({ hasText: 'web' })).toHaveText(/^web\d+(\.\d)?%$/, { timeout: 15_000 });
      const points = Number(await cpu.getAttribute('data-points'));
      await expect
        .poll(async () => Number(await cpu.getAttribute('data-points')), { timeout: 15_000 })
        .toBeGreaterThan(points);
      // The monitor's restart is counted, and the chart's legend shows it.
      await expect(
        page
          .getByRole('figure', { name: 'Health check failures and restarts (total)' })
          .getByRole('listitem')
          .filter({ hasText: 'web restarts' }),
      ).toHaveText('web restarts1');
      await expect(
        page
          .getByRole('figure', { name: 'Runs (total)' })
          .getByRole('listitem')
          .filter({ hasText: 'started' }),
      ).toHaveText(/^started[1-9]\d*$/);
      await page
        .getByRole('region', { name: 'Run panels' })
        .screenshot({ path: path.join(ROOT, 'docs', 'screenshots', 'metrics.png') });
    });

    await test.step('clean up leaves nothing of the project on the engine', async () => {
      await editor.button('Clean up').click();
      await expect(page.getByTestId('run-status')).toHaveCount(0, { timeout: 60_000 });
      expect(docker('ps', '-aq', '--filter', `label=dockwright.project=${project}`)).toBe('');
      await expect(node).not.toHaveAttribute('data-health', /.+/);
    });
  });
});
