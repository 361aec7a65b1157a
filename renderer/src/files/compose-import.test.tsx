import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTopology } from '../../../shared/testing/topologies';
import { selectIsDirty } from '../store/document-slice';
import { renderFiles } from '../testing/render-files';

const COMPOSE = `name: shop
services:
  db:
    image: postgres:16-alpine
    healthcheck: { test: [CMD, pg_isready], interval: 5s }
    volumes: [pgdata:/var/lib/postgresql/data]
    mac_address: 02:42:ac:11:00:02
  web:
    image: nginx:1.27
    depends_on: { db: { condition: service_healthy } }
volumes:
  pgdata: {}
`;

let closeSide: (() => void) | undefined;
afterEach(() => {
  cleanup();
  closeSide?.();
  closeSide = undefined;
});

async function openImport() {
  const harness = renderFiles({
    doc: makeTopology({ keep: { kind: 'volume' } }, { metadata: { name: 'keep' } }),
  });
  closeSide = harness.close;
  fireEvent.click(screen.getByRole('button', { name: 'Import Compose' }));
  const dialog = await screen.findByRole('dialog', { name: 'Import Compose' });
  const text = within(dialog).getByLabelText('Compose YAML');
  expect(document.activeElement).toBe(text);
  return { ...harness, dialog, text };
}

describe('Import Compose', () => {
  it('shows the warnings before importing, then loads the topology laid out and unsaved', async () => {
    const { dialog, text, store } = await openImport();
    const importButton = within(dialog).getByRole('button', { name: 'Import' });
    expect(importButton).toHaveProperty('disabled', true);

    fireEvent.change(text, { target: { value: COMPOSE } });
    const warnings = await within(dialog).findByRole('list', { name: 'Import warnings' });
    expect(warnings.textContent).toContain('mac_address');
    expect(warnings.textContent).toMatch(/line 7/);
    expect(dialog.textContent).toContain('Ready to import 2 services, 1 volume');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    const state = store.getState();
    expect(Object.keys(state.doc.spec.nodes).sort()).toEqual(['db', 'pgdata', 'web']);
    expect(state.doc.metadata.name).toBe('shop');
    expect(state.filePath).toBeNull();
    expect(selectIsDirty(state)).toBe(true);
    const layout = state.doc.layout?.nodes ?? {};
    expect(Object.keys(layout).sort()).toEqual(['db', 'pgdata', 'web']);
    // Laid out left to right in dependency order: db before web.
    expect(layout.web!.x).toBeGreaterThan(layout.db!.x);

    // And after the import, what did not carry over is still there to read.
    const done = await screen.findByRole('dialog', { name: 'Import Compose' });
    expect(within(done).getByRole('status').textContent).toContain('Imported 2 services, 1 volume');
    expect(within(done).getByRole('list', { name: 'Import warnings' }).textContent).toContain('mac_address');
    fireEvent.click(within(done).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows malformed and hostile input as errors and keeps the document', async () => {
    const { dialog, text, store } = await openImport();
    const before = store.getState().doc;

    fireEvent.change(text, { target: { value: 'services:\n  web:\n    image: [unclosed\n' } });
    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByRole('list', { name: 'Import errors' }).textContent).toMatch(/line \d/);
    expect(within(dialog).getByRole('button', { name: 'Import' })).toHaveProperty('disabled', true);

    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    fireEvent.change(text, { target: { value: `${bomb.join('\n')}\nservices: {}\n` } });
    await expect.poll(() => within(dialog).queryByRole('alert')?.textContent ?? '').toMatch(/alias|expan/i);
    expect(within(dialog).getByRole('button', { name: 'Import' })).toHaveProperty('disabled', true);

    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().doc).toBe(before);
  });

  it('imports a picked file, with its project name from the file', async () => {
    const { dialog, store } = await openImport();
    const picker = within(dialog).getByLabelText('Compose file from disk');
    fireEvent.change(picker, {
      target: { files: [new File(['services:\n  web:\n    image: nginx\n'], 'docker-compose.yml')] },
    });
    await expect
      .poll(() => within(dialog).getByLabelText<HTMLTextAreaElement>('Compose YAML').value)
      .toContain('nginx');
    await expect
      .poll(() => within(dialog).getByRole('button', { name: 'Import' }))
      .toHaveProperty('disabled', false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(Object.keys(store.getState().doc.spec.nodes)).toEqual(['web']);
    // No warnings: the dialog closes at once.
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
