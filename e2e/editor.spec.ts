import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parse } from 'yaml';
import { expect, test } from './fixtures';
import { EditorPage } from './pages/editor-page';
import { ROOT } from './support/server';

const BUSYBOX = 'dockwright-test/busybox:1';
const HTTP = 'dockwright-test/http:1';

function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

/** Every container, network and volume on the engine that carries the project's label. */
function leftovers(project: string): string[] {
  const filter = `label=dockwright.project=${project}`;
  return [
    ...docker('ps', '-aq', '--filter', filter).split('\n'),
    ...docker('network', 'ls', '-q', '--filter', filter).split('\n'),
    ...docker('volume', 'ls', '-q', '--filter', filter).split('\n'),
  ].filter(Boolean);
}

test.describe('the editor', () => {
  // eslint-disable-next-line no-empty-pattern -- Playwright passes fixtures first
  test.beforeEach(({}, testInfo) => {
    testInfo.skip(testInfo.project.name === 'electron', 'covered by the web project');
  });

  test('builds a three-tier topology by drag and drop, runs it on the engine and cleans it up', async ({
    app,
  }) => {
    test.setTimeout(180_000);
    const page = app.page;
    const editor = new EditorPage(page);
    const project = `e2e-${Date.now().toString(36)}`;

    await test.step('name the project', async () => {
      await editor.field('Project name').fill(project);
    });

    await test.step('drop the nodes and fill them in', async () => {
      await editor.addNode('Network', { x: 120, y: 80 }, 'backend');
      await editor.addNode('Volume', { x: 120, y: 300 }, 'data');

      await editor.addNode('Service', { x: 420, y: 80 }, 'db');
      await editor.field('Image').fill(HTTP);
      await editor.openSection('Healthcheck');
      await editor.field('Test').fill('wget -q -O /dev/null http://127.0.0.1:8080/');
      await editor.field('Interval').fill('1s');

      await editor.addNode('Job', { x: 420, y: 300 }, 'migrate');
      await editor.field('Image').fill(BUSYBOX);
      await editor.field('Command').fill('echo migrated');

      await editor.addNode('Service', { x: 720, y: 80 }, 'api');
      await editor.field('Image').fill(HTTP);

      await editor.addNode('Service', { x: 720, y: 300 }, 'web');
      await editor.field('Image').fill(BUSYBOX);
      await editor.field('Command').fill('sleep 3600');
      await expect(editor.nodes()).toHaveCount(6);
    });

    await test.step('connect them', async () => {
      await editor.connect('backend', 'db');
      await editor.connect('backend', 'api');
      await editor.connect('data', 'db');
      await editor.connect('db', 'migrate');
      await editor.connect('db', 'api');
      await editor.connect('migrate', 'api');
      await editor.connect('api', 'web');
      await expect(editor.edge('api depends on db (healthy)')).toHaveCount(1);
      await expect(editor.edge('api depends on migrate (completed)')).toHaveCount(1);
      await expect(editor.edge('migrate depends on db (healthy)')).toHaveCount(1);
      await expect(editor.edge('web depends on api (started)')).toHaveCount(1);
    });

    await test.step('a cycle is refused with the reason at the pointer', async () => {
      await editor.connect('web', 'db');
      const refusal = page.getByTestId('connection-refusal');
      await expect(refusal).toContainText('cycle');
      await expect(editor.edge(/db depends on web/)).toHaveCount(0);
    });

    await test.step('no problems left', async () => {
      await expect(page.getByRole('list', { name: 'Problems' })).toHaveCount(0);
      await expect(editor.button('Run')).toBeEnabled();
    });

    await test.step('undo and redo', async () => {
      await editor.pane.click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('ControlOrMeta+z');
      await expect(editor.edge('web depends on api (started)')).toHaveCount(0);
      await page.keyboard.press('ControlOrMeta+Shift+z');
      await expect(editor.edge('web depends on api (started)')).toHaveCount(1);
      await editor.button('Undo').click();
      await expect(editor.edge('web depends on api (started)')).toHaveCount(0);
      await editor.button('Redo').click();
      await expect(editor.edge('web depends on api (started)')).toHaveCount(1);
    });

    await test.step('auto layout puts what is needed first on the left, undoably', async () => {
      const xOf = async (id: string) => (await editor.node(id).boundingBox())!.x;
      await editor.button('Auto layout').click();
      await expect.poll(async () => (await xOf('backend')) < (await xOf('db'))).toBe(true);
      await expect.poll(async () => (await xOf('db')) < (await xOf('migrate'))).toBe(true);
      await expect.poll(async () => (await xOf('migrate')) < (await xOf('api'))).toBe(true);
      await expect.poll(async () => (await xOf('api')) < (await xOf('web'))).toBe(true);
      await editor.select('db');
      await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshots', 'editor.png') });
    });

    await test.step('save, start anew, reopen', async () => {
      await editor.button('Save').click();
      const saveAs = page.getByRole('dialog', { name: 'Save As' });
      await saveAs.getByLabel('File name').fill(`${project}.yaml`);
      await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(saveAs).toHaveCount(0);
      await expect(page.getByTestId('document-name')).toContainText(`${project}.yaml`);
      await expect(page.getByTestId('document-name')).not.toContainText('•');

      await editor.button('New').click();
      await expect(editor.nodes()).toHaveCount(0);
      await editor.button('Open').click();
      const open = page.getByRole('dialog', { name: 'Open' });
      await open.getByRole('button', { name: `${project}.yaml` }).click();
      await expect(editor.nodes()).toHaveCount(6);
      await expect(editor.edge('api depends on db (healthy)')).toHaveCount(1);
    });

    await test.step('export Compose', async () => {
      await editor.button('Export Compose').click();
      const dialog = page.getByRole('dialog', { name: 'Export Compose' });
      const yaml = parse(await dialog.getByLabel('Compose YAML').inputValue()) as {
        services: Record<string, { image?: string; depends_on?: Record<string, { condition: string }> }>;
        volumes: Record<string, unknown>;
        networks: Record<string, unknown>;
      };
      expect(Object.keys(yaml.services).sort()).toEqual(['api', 'db', 'migrate', 'web']);
      expect(yaml.services['api']?.depends_on).toMatchObject({
        db: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
      expect(yaml.services['db']?.image).toBe(HTTP);
      expect(Object.keys(yaml.volumes)).toContain('data');
      expect(Object.keys(yaml.networks)).toContain('backend');
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
    });

    await test.step('run it on the engine: every node reaches its final state', async () => {
      await editor.button('Run').dblclick();
      await expect(editor.node('db')).toHaveAttribute('data-state', 'healthy', { timeout: 60_000 });
      await expect(editor.node('migrate')).toHaveAttribute('data-state', 'completed', { timeout: 60_000 });
      await expect(editor.node('api')).toHaveAttribute('data-state', /running|healthy/, { timeout: 60_000 });
      await expect(editor.node('web')).toHaveAttribute('data-state', /running|healthy/, { timeout: 60_000 });
      await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'succeeded', {
        timeout: 60_000,
      });
      // The double click started one run: one container per service.
      expect(docker('ps', '-q', '--filter', `label=dockwright.project=${project}`).split('\n')).toHaveLength(
        3,
      );
      await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshots', 'editor-run.png') });
    });

    const volume = `${project}-data`;
    const cleanUpDialog = page.getByRole('dialog', { name: `Clean up ${project}?` });
    const removeData = cleanUpDialog.getByRole('checkbox', {
      name: 'Also remove these volumes and their data',
    });

    await test.step('clean up keeps the named volume and its data unless asked', async () => {
      await editor.button('Clean up').click();
      await expect(cleanUpDialog.getByRole('list', { name: 'Named volumes' })).toContainText(volume);
      await expect(removeData).not.toBeChecked();
      await page.screenshot({ path: test.info().outputPath('clean-up-dialog.png') });
      await cleanUpDialog.getByRole('button', { name: 'Clean up', exact: true }).click();
      await expect(page.getByTestId('run-status')).toHaveCount(0, { timeout: 60_000 });
      expect(leftovers(project)).toEqual([volume]);
    });

    await test.step('clean up with the box ticked leaves nothing of the project on the engine', async () => {
      await editor.button('Clean up').click();
      await removeData.check();
      await cleanUpDialog.getByRole('button', { name: 'Clean up and remove data' }).click();
      await expect(cleanUpDialog).toHaveCount(0);
      await expect.poll(() => leftovers(project), { timeout: 60_000 }).toEqual([]);
    });
  });
});

test.describe('problems', () => {
  // eslint-disable-next-line no-empty-pattern -- Playwright passes fixtures first
  test.beforeEach(({}, testInfo) => {
    testInfo.skip(testInfo.project.name === 'electron', 'covered by the web project');
  });

  test('show on the node and in the panel; a click selects the node and focuses the field', async ({
    app,
  }) => {
    const page = app.page;
    const editor = new EditorPage(page);
    await page
      .getByRole('complementary', { name: 'Palette' })
      .getByRole('button', { name: 'Service' })
      .press('Enter');
    await expect(editor.node('service')).toBeVisible();
    const problems = page.getByRole('list', { name: 'Problems' });
    await expect(problems).toContainText('"service" has neither an image nor a build context');
    await expect(editor.button('Run')).toBeDisabled();

    // Select something else, then click the problem: the node is selected and Image focused.
    await editor.pane.click({ position: { x: 5, y: 5 } });
    await problems.getByRole('button').first().click();
    await expect(editor.field('Image')).toBeFocused();
    await expect(editor.field('Name')).toHaveValue('service');

    await page.keyboard.type('nginx:alpine');
    await expect(problems).toHaveCount(0);
    await expect(editor.node('service')).toContainText('nginx:alpine');
  });
});
