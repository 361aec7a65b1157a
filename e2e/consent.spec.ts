import { expect, test } from './fixtures';
import { EditorPage } from './pages/editor-page';
import { engineRunsPrivileged } from './support/engine-probe';
import { docker, openTopology, removeProject } from './support/topologies';

const BUSYBOX = 'dockwright-test/busybox:1';

test.describe('consent to dangerous settings', () => {
  const projects: string[] = [];
  // eslint-disable-next-line no-empty-pattern -- Playwright passes fixtures first
  test.beforeEach(({}, testInfo) => {
    testInfo.skip(testInfo.project.name === 'electron', 'covered by the web project');
  });
  test.afterEach(() => {
    for (const project of projects.splice(0)) removeProject(project);
  });

  test('Run asks once, listing every dangerous setting; Run anyway runs it; Clean up removes it', async ({
    app,
    server,
  }) => {
    test.setTimeout(120_000);
    const page = app.page;
    const editor = new EditorPage(page);
    const project = `consent-${Date.now().toString(36)}`;
    projects.push(project);
    // A nested engine cannot start privileged containers at all (`docker run --privileged` fails
    // there too): then a capability stands in for it, asked about the same way.
    const privileged = engineRunsPrivileged();
    await openTopology(page, server.dataDir, project, {
      box: {
        kind: 'service',
        image: BUSYBOX,
        command: ['sleep', '3600'],
        ...(privileged ? { privileged: true } : { capAdd: ['SYS_ADMIN'] }),
        mounts: [{ type: 'bind', source: '/var/run/docker.sock', target: '/docker.sock', readOnly: true }],
      },
    });
    const dialog = page.getByRole('dialog', { name: 'Run with dangerous settings?' });

    await test.step('Run: one dialog lists each setting, with its value and why; nothing starts yet', async () => {
      await editor.button('Run').click();
      await expect(dialog).toBeVisible();
      const rows = dialog.getByRole('table', { name: 'Dangerous settings' }).getByRole('row');
      await expect(rows).toHaveCount(3);
      await expect(rows.nth(1)).toContainText(
        privileged ? /box\s*privileged\s*true\s*turns off all isolation/ : /box\s*capAdd\[0\]\s*SYS_ADMIN/,
      );
      await expect(rows.nth(2)).toContainText(/box\s*mounts\[0\]\.source\s*\/var\/run\/docker\.sock/);
      await expect(rows.nth(2)).toContainText("the container engine's socket");
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
      expect(docker('ps', '-aq', '--filter', `label=dockwright.project=${project}`)).toBe('');
      await page.screenshot({ path: test.info().outputPath('consent-dialog.png') });
    });

    await test.step('Run anyway: the node runs', async () => {
      await dialog.getByRole('button', { name: 'Run anyway' }).click();
      await expect(dialog).toHaveCount(0);
      await expect(editor.node('box')).toHaveAttribute('data-state', /running|healthy/, { timeout: 60_000 });
      await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'succeeded', {
        timeout: 60_000,
      });
      const inspect = docker(
        'inspect',
        '-f',
        '{{.HostConfig.Privileged}} {{.HostConfig.CapAdd}}',
        `${project}-box`,
      );
      expect(inspect).toBe(privileged ? 'true []' : 'false [SYS_ADMIN]');
    });

    await test.step('Clean up: nothing of the project is left', async () => {
      await editor.button('Clean up').click();
      await expect(page.getByTestId('run-status')).toHaveCount(0, { timeout: 60_000 });
      await expect(page.getByRole('dialog')).toHaveCount(0);
      const filter = `label=dockwright.project=${project}`;
      expect(docker('ps', '-aq', '--filter', filter)).toBe('');
      expect(docker('network', 'ls', '-q', '--filter', filter)).toBe('');
    });
  });
});
