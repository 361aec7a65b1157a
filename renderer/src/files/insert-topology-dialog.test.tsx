import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeTopology } from '../../../shared/topology';
import { makeTopology } from '../../../shared/testing/topologies';
import { selectCanUndo } from '../store/document-slice';
import { renderFiles } from '../testing/render-files';

const shop = makeTopology(
  {
    db: { kind: 'service', image: 'postgres:16-alpine' },
    api: { kind: 'service', image: 'shop/api:1', dependsOn: [{ node: 'db', condition: 'started' }] },
  },
  { metadata: { name: 'shop' }, layout: { nodes: { db: { x: 0, y: 0 }, api: { x: 320, y: 0 } } } },
);

const BILLING = `name: billing
services:
  db:
    image: mysql:8
  worker:
    image: billing/worker
    depends_on: [db]
    network_mode: service:db
`;

let closeSide: (() => void) | undefined;
afterEach(() => {
  cleanup();
  closeSide?.();
  closeSide = undefined;
});

async function openInsert() {
  const harness = renderFiles({ doc: shop, path: 'shop.yaml' });
  closeSide = harness.close;
  fireEvent.click(screen.getByRole('button', { name: 'Insert topology…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Insert topology' });
  const pick = (name: string, text: string) =>
    fireEvent.change(within(dialog).getByLabelText('Topology or Compose file to insert'), {
      target: { files: [new File([text], name, { type: 'application/yaml' })] },
    });
  return { ...harness, dialog, pick };
}

describe('Insert topology', () => {
  it('shows the renames first, then inserts as one undo step, as a group', async () => {
    const { dialog, pick, store } = await openInsert();
    const insert = within(dialog).getByRole('button', { name: 'Insert' });
    expect(insert).toHaveProperty('disabled', true);

    pick('compose.yaml', BILLING);
    const renames = await within(dialog).findByRole('list', { name: 'Renames' });
    expect(renames.textContent).toBe('nodedb → db-2');
    expect(within(dialog).getByRole('status').textContent).toContain(
      '2 nodes from compose.yaml will be inserted as the group “billing”',
    );
    // Nothing has changed yet.
    expect(Object.keys(store.getState().doc.spec.nodes)).toEqual(['db', 'api']);

    fireEvent.click(insert);
    expect(screen.queryByRole('dialog')).toBeNull();
    const doc = store.getState().doc;
    expect(Object.keys(doc.spec.nodes)).toEqual(['db', 'api', 'db-2', 'worker']);
    expect(doc.spec.nodes['worker']).toMatchObject({
      dependsOn: [{ node: 'db-2', condition: 'started' }],
      networkMode: 'service:db-2',
    });
    expect(doc.layout?.groups).toEqual([
      { id: 'inserted-billing', label: 'billing', nodes: ['db-2', 'worker'] },
    ]);
    expect(store.getState().selectedNodes).toEqual(['db-2', 'worker']);

    act(() => store.getState().undo());
    expect(Object.keys(store.getState().doc.spec.nodes)).toEqual(['db', 'api']);
    expect(store.getState().doc).toBe(shop);
    expect(selectCanUndo(store.getState())).toBe(false);
  });

  it('inserts a topology file with nothing to rename', async () => {
    const { dialog, pick, store } = await openInsert();
    pick('cache.yaml', serializeTopology(makeTopology({ cache: { kind: 'service', image: 'redis:7' } })));
    expect((await within(dialog).findByText('No names clash: nothing is renamed.')).textContent).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Insert' }));
    expect(Object.keys(store.getState().doc.spec.nodes)).toEqual(['db', 'api', 'cache']);
  });

  it('shows why a file cannot be inserted, and Cancel changes nothing', async () => {
    const { dialog, pick, store } = await openInsert();
    pick('notes.yaml', 'just: some yaml\n');
    expect((await within(dialog).findByRole('alert')).textContent).toContain('neither a Dockwright topology');
    expect(within(dialog).getByRole('button', { name: 'Insert' })).toHaveProperty('disabled', true);
    pick('broken.yaml', 'services:\n  web: [\n');
    expect(await within(dialog).findByRole('list', { name: 'Problems in broken.yaml' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().doc).toBe(shop);
  });
});
