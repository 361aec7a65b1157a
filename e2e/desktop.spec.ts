import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';
import { expect, test } from './fixtures';
import { DesktopPage } from './pages/desktop-page';
import { EditorPage } from './pages/editor-page';
import { axeViolations, serious, type AxeFinding } from './support/axe';
import { ROOT, startServer } from './support/server';
import { docker, removeProject } from './support/topologies';

const SHOTS = path.join(ROOT, 'docs', 'screenshots');

/** Every container, network and volume on the engine that carries the project's label. */
function leftovers(project: string): string[] {
  const filter = `label=dockwright.project=${project}`;
  return [
    ...docker('ps', '-aq', '--filter', filter).split('\n'),
    ...docker('network', 'ls', '-q', '--filter', filter).split('\n'),
    ...docker('volume', 'ls', '-q', '--filter', filter).split('\n'),
  ].filter(Boolean);
}

/** The page in the system's light and dark colours (the theme follows the system until set). */
async function shootBoth(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${scheme}.png`) });
  }
}

test.describe('the desktop product', () => {
  // eslint-disable-next-line no-empty-pattern -- Playwright passes fixtures first
  test.beforeEach(({}, testInfo) => {
    testInfo.skip(testInfo.project.name === 'electron', 'covered by the web project (a fresh data dir)');
  });

  test('fresh data dir: welcome, a template run on the engine, settings kept over a reload, palette, clean up', async ({
    webBrowser,
  }) => {
    // A loaded engine answers slowly (calls past 10 s are retried): room for several attempts.
    test.setTimeout(600_000);
    const server = await startServer({}, { fresh: true });
    const project = `e2e-desk-${Date.now().toString(36)}`;
    const findings: Record<string, AxeFinding[]> = {};
    const checkAxe = async (page: Page, screen: string, selector?: string) => {
      findings[screen] = await axeViolations(page, selector);
      expect(serious(findings[screen]), `${screen}: serious or critical axe violations`).toEqual([]);
    };
    const context = await (await webBrowser()).newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await context.newPage();
      const desk = new DesktopPage(page);
      const editor = new EditorPage(page);
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(server.url);

      await test.step('a fresh data dir opens with the welcome, the engine connected', async () => {
        await expect(desk.welcome).toBeVisible();
        await expect(desk.welcome.getByRole('status')).toContainText('Docker engine connected');
        await expect(desk.welcome.getByRole('button', { name: /A template/ })).toBeFocused();
        await shootBoth(page, 'desktop-welcome');
        await checkAxe(page, 'welcome');
      });

      await test.step('the gallery: the three-tier app opens laid out, renamed for this test', async () => {
        await desk.welcome.getByRole('button', { name: /A template/ }).click();
        await expect(desk.welcome).toHaveCount(0);
        await expect(desk.gallery).toBeVisible();
        await expect(desk.gallery.getByRole('heading', { level: 3 })).toHaveText([
          'Three-tier web app',
          'ETL job chain',
          'Monitoring stack',
        ]);
        await shootBoth(page, 'desktop-gallery');
        await checkAxe(page, 'gallery');
        await desk.gallery.getByRole('button', { name: 'Use this template: Three-tier web app' }).click();
        await expect(desk.gallery).toHaveCount(0);
        await expect(editor.nodes()).toHaveCount(5);
        await editor.field('Project name').fill(project);
        await expect(editor.button('Run')).toBeEnabled();
      });

      await test.step('Run: every node reaches its final state', async () => {
        await editor.button('Run').click();
        for (const id of ['db', 'api', 'proxy']) {
          await expect(editor.node(id)).toHaveAttribute('data-state', 'healthy', { timeout: 240_000 });
        }
        await expect(editor.node('migrate')).toHaveAttribute('data-state', 'completed');
        await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'succeeded');
        await shootBoth(page, 'desktop-running');
        await checkAxe(page, 'main screen, running');
      });

      await test.step('Settings: dark theme and an OTLP endpoint with a masked header', async () => {
        await desk.headerButton('Settings').click();
        await expect(desk.settings).toBeVisible();
        await expect(desk.settings.getByLabel('Data directory')).toHaveValue(server.dataDir);
        await desk.settings.getByRole('button', { name: 'Test' }).click();
        await expect(desk.settings.getByRole('status').filter({ hasText: /answered/ })).toContainText(
          'Docker',
        );
        await desk.settings.getByLabel('OTLP endpoint').fill('http://127.0.0.1:4318');
        await desk.settings.getByRole('button', { name: 'Add header' }).click();
        await desk.settings.getByLabel('Header 1 name').fill('authorization');
        await desk.settings.getByLabel('Header 1 value').fill('Bearer e2e-secret');
        await expect(desk.settings.getByLabel('Header 1 value')).toHaveAttribute('type', 'password');
        await shootBoth(page, 'desktop-settings');
        await checkAxe(page, 'settings');
        await desk.settings.getByRole('radio', { name: 'Dark' }).check();
        await desk.settings.getByRole('button', { name: 'Save' }).click();
        await expect(desk.settings).toHaveCount(0);
        await page.emulateMedia({ colorScheme: 'light' });
        await expect.poll(() => desk.theme()).toBe('dark');
      });

      await test.step('reload: the settings and the theme are kept, no welcome', async () => {
        await page.reload();
        await expect(editor.canvas).toBeVisible();
        await expect.poll(() => desk.theme()).toBe('dark');
        await expect(desk.welcome).toHaveCount(0);
        await desk.headerButton('Settings').click();
        await expect(desk.settings.getByLabel('OTLP endpoint')).toHaveValue('http://127.0.0.1:4318');
        await expect(desk.settings.getByLabel('Header 1 value')).toHaveValue('Bearer e2e-secret');
        await expect(desk.settings.getByRole('radio', { name: 'Dark' })).toBeChecked();
        await page.keyboard.press('Escape');
        await expect(desk.settings).toHaveCount(0);
      });

      await test.step('the command palette, keyboard only: Export Compose and Save', async () => {
        // The unsaved template did not survive the reload (its containers did): open it again.
        await desk.headerButton('Templates').click();
        await desk.gallery.getByRole('button', { name: 'Use this template: Three-tier web app' }).click();
        await editor.field('Project name').fill(project);
        await desk.runCommand('export comp', 'Export Compose');
        const exported = page.getByRole('dialog', { name: 'Export Compose' });
        const yaml = parse(await exported.getByLabel('Compose YAML').inputValue()) as {
          services: Record<string, unknown>;
        };
        expect(Object.keys(yaml.services).sort()).toEqual(['api', 'db', 'migrate', 'proxy']);
        await checkAxe(page, 'export compose dialog');
        await page.keyboard.press('Escape');
        await expect(exported).toHaveCount(0);

        await desk.runCommand('save', 'Save');
        const saveAs = page.getByRole('dialog', { name: 'Save As' });
        await saveAs.getByLabel('File name').fill(`${project}.yaml`);
        await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
        await expect(saveAs).toHaveCount(0);
        await expect(page.getByTestId('document-name')).toContainText(`${project}.yaml`);
        await expect(page).toHaveTitle(`${project}.yaml — Dockwright`);
      });

      await test.step('Clean up, with the volumes box ticked: nothing left on the engine', async () => {
        await desk.runCommand('clean', 'Clean up');
        const dialog = page.getByRole('dialog', { name: `Clean up ${project}?` });
        await expect(dialog.getByRole('list', { name: 'Named volumes' })).toContainText(`${project}-db-data`);
        await checkAxe(page, 'clean up dialog');
        await dialog.getByRole('checkbox', { name: 'Also remove these volumes and their data' }).check();
        await dialog.getByRole('button', { name: 'Clean up and remove data' }).click();
        await expect(dialog).toHaveCount(0);
        await expect.poll(() => leftovers(project), { timeout: 60_000 }).toEqual([]);
      });
    } finally {
      writeFileSync(test.info().outputPath('axe.json'), JSON.stringify(findings, null, 2));
      // The run history, to read why a node failed when a step did.
      const runs = path.join(server.dataDir, 'runs');
      if (existsSync(runs)) cpSync(runs, test.info().outputPath('runs'), { recursive: true });
      for (const id of docker('ps', '-aq', '--filter', `label=dockwright.project=${project}`).split('\n')) {
        if (!id) continue;
        const logs = execFileSync('docker', ['logs', '--tail', '50', id], {
          encoding: 'utf8',
          stdio: 'pipe',
        });
        writeFileSync(
          test.info().outputPath(`container-${id}.log`),
          `${docker('inspect', '-f', '{{.Name}} {{.State.Status}} {{.State.ExitCode}}', id)}\n${logs}`,
        );
      }
      await context.close();
      removeProject(project);
      await server.stop();
    }
  });
});
