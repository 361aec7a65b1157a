import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { replaceNode } from '../../../shared/topology';
import { makeTopology } from '../../../shared/testing/topologies';
import { renderFiles } from '../testing/render-files';
import { exportDialogHarness, stubClipboard } from '../testing/export-dialog-harness';

const shop = makeTopology(
  {
    db: { kind: 'service', image: 'postgres:16-alpine' },
    migrate: {
      kind: 'job',
      image: 'shop/migrate:1',
      dependsOn: [{ node: 'db', condition: 'started' }],
      retry: { maxAttempts: 3 },
      timeout: '2m',
    },
  },
  { metadata: { name: 'shop' } },
);

const { downloads, open: openExport } = exportDialogHarness({
  button: 'Export Compose',
  yamlLabel: 'Compose YAML',
  render: (options: Parameters<typeof renderFiles>[0] = {}) => renderFiles({ doc: shop, ...options }),
});

describe('Export Compose', () => {
  it('previews the YAML and the fidelity report of the current document, and follows it', async () => {
    const { dialog, yaml, store } = await openExport();
    expect(yaml.readOnly).toBe(true);
    const compose = parse(yaml.value) as { name: string; services: Record<string, { image: string }> };
    expect(compose.name).toBe('shop');
    expect(compose.services.migrate?.image).toBe('shop/migrate:1');

    const report = within(dialog).getByRole('region', { name: 'Fidelity report' });
    const items = within(report)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items.some((t) => t?.includes('spec.nodes.migrate.retry') && t.includes('x-dockwright'))).toBe(
      true,
    );
    expect(items.some((t) => t?.includes('spec.nodes.migrate.timeout'))).toBe(true);

    act(() =>
      store
        .getState()
        .edit((doc) => replaceNode(doc, 'db', { kind: 'service', image: 'postgres:17-alpine' })),
    );
    expect(yaml.value).toContain('postgres:17-alpine');

    fireEvent.click(within(dialog).getByRole('checkbox', { name: /docker-compose 1\.x/ }));
    expect((parse(yaml.value) as { name?: string }).name).toBeUndefined();
  });

  it('leaves secret values out unless asked to include them, and lists what it left out', async () => {
    const withSecret = makeTopology(
      { db: { kind: 'service', image: 'postgres:16', environment: { POSTGRES_PASSWORD: 'canary-7f3a9c' } } },
      { metadata: { name: 'shop' } },
    );
    const { dialog, yaml } = await openExport({ doc: withSecret });
    expect(yaml.value).not.toContain('canary-7f3a9c');
    expect(yaml.value).toContain('POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}');
    const report = within(dialog).getByRole('region', { name: 'Fidelity report' });
    expect(report.textContent).toContain('spec.nodes.db.environment.POSTGRES_PASSWORD');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Include secret values/ }));
    expect(yaml.value).toContain('POSTGRES_PASSWORD: canary-7f3a9c');
  });

  it('copies the YAML and says so', async () => {
    const writeText = vi.fn((_text: string) => Promise.resolve());
    stubClipboard(writeText);
    const { dialog, yaml } = await openExport();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect((await within(dialog).findByRole('status')).textContent).toBe('Copied');
    expect(writeText).toHaveBeenCalledWith(yaml.value);
  });

  it('falls back to the copy command when the clipboard is refused', async () => {
    const writeText = vi.fn((_text: string) => Promise.reject(new Error('denied')));
    stubClipboard(writeText);
    let copied = '';
    const execCommand = vi.fn((command: string) => {
      copied = command === 'copy' ? ((document.activeElement as HTMLTextAreaElement).value ?? '') : '';
      return command === 'copy';
    });
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    const { dialog, yaml } = await openExport();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect((await within(dialog).findByRole('status')).textContent).toBe('Copied');
    expect(copied).toBe(yaml.value);
    expect(document.querySelectorAll('textarea')).toHaveLength(1);
  });

  it('saves docker-compose.yml as a download, and next to a server-side topology file', async () => {
    const { dialog, yaml, files } = await openExport({ path: 'team/shop.yaml' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save as docker-compose.yml' }));
    expect((await within(dialog).findByRole('status')).textContent).toBe(
      'Downloaded docker-compose.yml and saved team/docker-compose.yml',
    );
    expect(downloads.map((d) => d.name)).toEqual(['docker-compose.yml']);
    expect(await downloads[0]?.text).toBe(yaml.value);
    expect(files.get('team/docker-compose.yml')).toBe(yaml.value);
  });

  it('closes with Escape and gives focus back to the button', async () => {
    const { dialog } = await openExport();
    const opener = screen.getByRole('button', { name: 'Export Compose' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
