import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/ipc/errors';
import { addNode, parseTopology, serializeTopology, type Topology } from '../../../shared/topology';
import { makeTopology } from '../../../shared/testing/topologies';
import { selectIsDirty } from '../store/document-slice';
import { renderFiles } from '../testing/render-files';

const shop = makeTopology(
  {
    db: { kind: 'service', image: 'postgres:16-alpine' },
    api: { kind: 'service', image: 'shop/api:1', dependsOn: [{ node: 'db', condition: 'started' }] },
  },
  { metadata: { name: 'shop' }, layout: { nodes: { db: { x: 0, y: 0 }, api: { x: 320, y: 0 } } } },
);

let closeSide: (() => void) | undefined;
afterEach(() => {
  cleanup();
  closeSide?.();
  closeSide = undefined;
});

function setup(options: Parameters<typeof renderFiles>[0] = {}) {
  const harness = renderFiles(options);
  closeSide = harness.close;
  return harness;
}

/** Makes the document dirty the way the canvas does: one edit. */
function editDocument(store: ReturnType<typeof setup>['store']) {
  act(() => store.getState().edit((doc) => addNode(doc, 'volume', { x: 0, y: 200 }).topology));
}

const dialog = (name: string) => screen.findByRole('dialog', { name });
const button = (name: string, within_: HTMLElement = document.body) =>
  within(within_).getByRole('button', { name });

describe('the discard prompt', () => {
  it('asks before New replaces unsaved changes; Cancel keeps them, Discard drops them', async () => {
    const { store } = setup({ doc: shop, path: 'shop.yaml' });
    editDocument(store);
    const edited = store.getState().doc;

    fireEvent.click(button('New'));
    const prompt = await dialog('Discard changes?');
    expect(prompt.textContent).toContain('shop.yaml has changes that are not saved');
    expect(document.activeElement).toBe(button('Save', prompt));
    fireEvent.click(button('Cancel', prompt));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().doc).toBe(edited);

    fireEvent.click(button('New'));
    fireEvent.click(button('Discard', await dialog('Discard changes?')));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(Object.keys(store.getState().doc.spec.nodes)).toEqual([]);
    expect(store.getState().filePath).toBeNull();
    expect(selectIsDirty(store.getState())).toBe(false);
  });

  it('does not ask when nothing is unsaved', () => {
    const { store } = setup({ doc: shop, path: 'shop.yaml' });
    fireEvent.click(button('New'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(Object.keys(store.getState().doc.spec.nodes)).toEqual([]);
  });

  it('closes with Escape, changing nothing', async () => {
    const { store } = setup({ doc: shop });
    editDocument(store);
    fireEvent.click(button('Open'));
    const prompt = await dialog('Discard changes?');
    fireEvent.keyDown(prompt, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(selectIsDirty(store.getState())).toBe(true);
  });

  it('Save writes the file first, then goes on with what was asked', async () => {
    const { store, files } = setup({ doc: shop, path: 'shop.yaml' });
    editDocument(store);
    const edited = store.getState().doc;
    fireEvent.click(button('New'));
    fireEvent.click(button('Save', await dialog('Discard changes?')));
    await expect.poll(() => Object.keys(store.getState().doc.spec.nodes).length).toBe(0);
    expect(files.get('shop.yaml')).toBe(serializeTopology(edited));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Save of an untitled document asks for a name, saves, then goes on', async () => {
    const { store, files } = setup();
    editDocument(store);
    const edited = store.getState().doc;
    fireEvent.click(button('Import Compose'));
    fireEvent.click(button('Save', await dialog('Discard changes?')));
    const saveAs = await dialog('Save As');
    const name = within(saveAs).getByLabelText('File name');
    expect((name as HTMLInputElement).value).toBe('untitled.yaml');
    fireEvent.change(name, { target: { value: 'mine' } });
    fireEvent.click(button('Save', saveAs));
    // Then the import dialog the user asked for.
    await dialog('Import Compose');
    expect(files.get('mine.yaml')).toBe(serializeTopology(edited));
    expect(store.getState().filePath).toBe('mine.yaml');
  });

  it('keeps the prompt open with the reason when the save fails', async () => {
    const { store, failWrites } = setup({ doc: shop, path: 'shop.yaml' });
    editDocument(store);
    failWrites(new ApiError('FORBIDDEN', '"shop.yaml" leads outside the topologies folder.'));
    fireEvent.click(button('New'));
    const prompt = await dialog('Discard changes?');
    fireEvent.click(button('Save', prompt));
    expect((await within(prompt).findByRole('alert')).textContent).toContain('leads outside');
    expect(selectIsDirty(store.getState())).toBe(true);
    expect(Object.keys(store.getState().doc.spec.nodes)).toContain('db');
  });
});

describe('Open', () => {
  it('lists the saved files and opens one, laying out nodes that have no position', async () => {
    const bare: Topology = { ...shop, layout: { nodes: { db: { x: 40, y: 40 } } } };
    const { store } = setup({ files: { 'team/shop.yaml': serializeTopology(bare) } });
    fireEvent.click(button('Open'));
    const open = await dialog('Open');
    fireEvent.click(await within(open).findByRole('button', { name: 'team/shop.yaml' }));
    await expect.poll(() => store.getState().filePath).toBe('team/shop.yaml');
    const state = store.getState();
    expect(Object.keys(state.doc.spec.nodes)).toEqual(['db', 'api']);
    expect(state.doc.layout?.nodes?.db).toEqual({ x: 40, y: 40 });
    // Placed below what the file placed, not on top of it.
    expect(state.doc.layout?.nodes?.api?.y).toBeGreaterThan(40);
    expect(selectIsDirty(state)).toBe(false);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('document-name').textContent).toBe('team/shop.yaml');
  });

  it('shows the problems of a broken file with line numbers and keeps the current document', async () => {
    const broken =
      'apiVersion: dockwright.dev/v1alpha2\nkind: Topology\nmetadata: { name: x }\nspec:\n  nodes:\n    db: { kind: servce }\n';
    const { store } = setup({ doc: shop, path: 'shop.yaml', files: { 'broken.yaml': broken } });
    fireEvent.click(button('Open'));
    const open = await dialog('Open');
    fireEvent.click(await within(open).findByRole('button', { name: 'broken.yaml' }));
    const alert = await within(open).findByRole('alert');
    const problems = within(alert).getByRole('list', { name: 'Problems in broken.yaml' });
    expect(problems.textContent).toMatch(/line 6/);
    expect(store.getState().filePath).toBe('shop.yaml');
    expect(store.getState().doc).toBe(store.getState().savedDoc);
  });

  it('opens a file picked from disk, named after it, and refuses one that is not a topology', async () => {
    const { store } = setup();
    fireEvent.click(button('Open'));
    const open = await dialog('Open');
    const picker = within(open).getByLabelText('Topology file from disk');
    const pick = (name: string, text: string) =>
      fireEvent.change(picker, { target: { files: [new File([text], name, { type: 'application/yaml' })] } });

    pick('notes.yaml', 'just: some yaml\n');
    expect((await within(open).findByRole('alert')).textContent).toContain('neither a Dockwright topology');
    pick('shop.yaml', serializeTopology(shop));
    await expect.poll(() => Object.keys(store.getState().doc.spec.nodes)).toEqual(['db', 'api']);
    // Not a server-side file: Save asks for a name, proposing the one it came with.
    expect(store.getState().filePath).toBeNull();
    expect(screen.getByTestId('document-name').textContent).toBe('shop.yaml');
    fireEvent.click(button('Save'));
    expect(within(await dialog('Save As')).getByLabelText<HTMLInputElement>('File name').value).toBe(
      'shop.yaml',
    );
  });

  it('sends a Compose file to the import dialog', async () => {
    setup({ files: { 'docker-compose.yml': 'services:\n  web:\n    image: nginx\n' } });
    fireEvent.click(button('Open'));
    fireEvent.click(await within(await dialog('Open')).findByRole('button', { name: 'docker-compose.yml' }));
    const imported = await dialog('Import Compose');
    expect(within(imported).getByLabelText<HTMLTextAreaElement>('Compose YAML').value).toContain('nginx');
  });
});

describe('Save, Save As, Recent and the shortcuts', () => {
  it('Ctrl+S writes the file it came from and clears the edited marker and the title', async () => {
    const { store, files } = setup({ doc: shop, path: 'shop.yaml' });
    expect(document.title).toBe('shop.yaml — Dockwright');
    editDocument(store);
    const name = screen.getByTestId('document-name');
    expect(name.textContent).toBe('shop.yaml • (edited)');
    expect(document.title).toBe('• shop.yaml — Dockwright');

    fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    await expect.poll(() => name.textContent).toBe('shop.yaml');
    expect(parseTopology(files.get('shop.yaml') ?? '').ok).toBe(true);
    expect(files.get('shop.yaml')).toBe(serializeTopology(store.getState().doc));
    expect(document.title).toBe('shop.yaml — Dockwright');
  });

  it('Save of an untitled document is Save As, proposing <name>.yaml; a bad name shows why', async () => {
    const { store, files, failWrites } = setup({ doc: shop });
    fireEvent.keyDown(window, { key: 's', metaKey: true });
    const saveAs = await dialog('Save As');
    const field = within(saveAs).getByLabelText<HTMLInputElement>('File name');
    expect(field.value).toBe('shop.yaml');
    expect(document.activeElement).toBe(field);

    failWrites(
      new ApiError(
        'INVALID_INPUT',
        '"../x.yaml" uses ".."; only names inside the topologies folder are allowed.',
      ),
    );
    fireEvent.change(field, { target: { value: '../x.yaml' } });
    fireEvent.click(button('Save', saveAs));
    expect((await within(saveAs).findByRole('alert')).textContent).toContain('uses ".."');

    failWrites(null);
    fireEvent.change(field, { target: { value: 'team/shop' } });
    fireEvent.submit(field);
    await expect.poll(() => store.getState().filePath).toBe('team/shop.yaml');
    expect(files.has('team/shop.yaml')).toBe(true);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks before replacing another existing file', async () => {
    const { files } = setup({ doc: shop, files: { 'taken.yaml': 'old' } });
    fireEvent.click(button('Save As'));
    const saveAs = await dialog('Save As');
    fireEvent.change(within(saveAs).getByLabelText('File name'), { target: { value: 'taken.yaml' } });
    // The list of existing files arrives asynchronously.
    await expect
      .poll(() => {
        fireEvent.click(within(saveAs).getByRole('button', { name: /^(Save|Replace)$/ }));
        return within(saveAs).queryByRole('button', { name: 'Replace' }) !== null;
      })
      .toBe(true);
    expect(files.get('taken.yaml')).toBe('old');
    fireEvent.click(button('Replace', saveAs));
    await expect.poll(() => files.get('taken.yaml')).toBe(serializeTopology(shop));
  });

  it('Ctrl+O and Ctrl+N go through the prompt too; Recent opens what was saved', async () => {
    const { store } = setup({ doc: shop, files: { 'a.yaml': serializeTopology(shop) } });
    fireEvent.click(button('Recent'));
    const recent = await screen.findByRole('menu', { name: 'Recent files' });
    // The list loads from the main side: wait for it, not for the first paint ("Loading…").
    await expect.poll(() => recent.textContent, { timeout: 5_000 }).toContain('No recent files');
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });

    fireEvent.keyDown(window, { key: 'o', ctrlKey: true });
    fireEvent.click(await within(await dialog('Open')).findByRole('button', { name: 'a.yaml' }));
    await expect.poll(() => store.getState().filePath).toBe('a.yaml');

    act(() => store.getState().loadDocument(makeTopology({}), null, { dirty: true }));
    fireEvent.keyDown(window, { key: 'n', ctrlKey: true });
    fireEvent.click(button('Cancel', await dialog('Discard changes?')));

    fireEvent.click(button('Recent'));
    const item = await screen.findByRole('menuitem', { name: 'a.yaml' });
    expect(document.activeElement).toBe(item);
    fireEvent.click(item);
    fireEvent.click(button('Discard', await dialog('Discard changes?')));
    await expect.poll(() => store.getState().filePath).toBe('a.yaml');
    expect(Object.keys(store.getState().doc.spec.nodes)).toEqual(['db', 'api']);
  });

  it('warns before the page unloads while there are unsaved changes', () => {
    const { store } = setup({ doc: shop });
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(false);
    editDocument(store);
    expect(unload()).toBe(true);
  });
});
