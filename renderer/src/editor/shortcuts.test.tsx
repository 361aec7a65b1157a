import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTopology } from '../../../shared/testing/topologies';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { EditorClipboard } from './clipboard';
import { isEditableTarget, shortcutFor, type KeyLike } from './shortcuts';
import { useEditorShortcuts } from './use-editor-shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('maps Ctrl and Cmd combinations to editor commands', () => {
    expect(shortcutFor(key('c', { ctrlKey: true }))).toBe('copy');
    expect(shortcutFor(key('v', { metaKey: true }))).toBe('paste');
    expect(shortcutFor(key('d', { ctrlKey: true }))).toBe('duplicate');
    expect(shortcutFor(key('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutFor(key('y', { ctrlKey: true }))).toBe('redo');
    expect(shortcutFor(key('a', { metaKey: true }))).toBe('selectAll');
  });

  it('ignores plain letters, Alt combinations and other keys', () => {
    expect(shortcutFor(key('c'))).toBeNull();
    expect(shortcutFor(key('c', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutFor(key('x', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('C', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });

  it('reads the physical key on layouts that type another script', () => {
    expect(shortcutFor(key('я', { ctrlKey: true, code: 'KeyZ' }))).toBe('undo');
  });

  it('knows which targets keep their own keys', () => {
    const input = document.createElement('input');
    const editable = document.createElement('div');
    editable.setAttribute('contenteditable', 'true');
    const inner = document.createElement('span');
    editable.append(inner);
    expect(isEditableTarget(input)).toBe(true);
    expect(isEditableTarget(inner)).toBe(true);
    expect(isEditableTarget(document.body)).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});

function Shortcuts({ clipboard }: { clipboard: EditorClipboard }) {
  useEditorShortcuts(clipboard);
  return <input aria-label="Name" />;
}

function setup(): {
  store: AppStore;
  press: (k: string, mods?: Partial<KeyLike>, target?: Element) => boolean;
} {
  const store = createAppStore();
  store.getState().loadDocument(
    makeTopology(
      {
        db: { kind: 'service', image: 'postgres:16' },
        api: { kind: 'service', image: 'app', dependsOn: [{ node: 'db', condition: 'started' }] },
      },
      { layout: { nodes: { db: { x: 0, y: 0 }, api: { x: 320, y: 0 } } } },
    ),
    null,
  );
  render(
    <StoreProvider store={store}>
      <Shortcuts clipboard={new EditorClipboard()} />
    </StoreProvider>,
  );
  const press = (k: string, mods: Partial<KeyLike> = {}, target: Element = document.body) => {
    const event = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...mods });
    act(() => {
      target.dispatchEvent(event);
    });
    return event.defaultPrevented;
  };
  return { store, press };
}

afterEach(cleanup);

describe('useEditorShortcuts', () => {
  it('copies and pastes the selection under fresh ids, each paste a step further, selected', () => {
    const { store, press } = setup();
    store.getState().select(['db', 'api']);
    expect(press('c', { ctrlKey: true })).toBe(true);
    press('v', { ctrlKey: true });
    expect(store.getState().selectedNodes).toEqual(['db-2', 'api-2']);
    press('v', { ctrlKey: true });
    const { doc, selectedNodes } = store.getState();
    expect(selectedNodes).toEqual(['db-3', 'api-3']);
    expect(doc.layout?.nodes?.['db-2']).toEqual({ x: 32, y: 32 });
    expect(doc.layout?.nodes?.['db-3']).toEqual({ x: 64, y: 64 });
    // The copy's dependency follows the copied db.
    const api3 = doc.spec.nodes['api-3'];
    expect(api3?.kind === 'service' && api3.dependsOn).toEqual([{ node: 'db-3', condition: 'started' }]);
  });

  it('duplicates (never the browser bookmark), undoes, redoes and selects all', () => {
    const { store, press } = setup();
    store.getState().select(['api']);
    expect(press('d', { ctrlKey: true })).toBe(true);
    expect(store.getState().selectedNodes).toEqual(['api-2']);
    press('z', { ctrlKey: true });
    expect(Object.keys(store.getState().doc.spec.nodes)).toEqual(['db', 'api']);
    press('Z', { ctrlKey: true, shiftKey: true });
    expect(Object.keys(store.getState().doc.spec.nodes)).toEqual(['db', 'api', 'api-2']);
    press('z', { metaKey: true });
    press('y', { ctrlKey: true });
    expect(Object.keys(store.getState().doc.spec.nodes)).toHaveLength(3);
    press('a', { ctrlKey: true });
    expect(store.getState().selectedNodes).toEqual(['db', 'api', 'api-2']);
  });

  it('leaves keys typed in a field to the field', () => {
    const { store, press } = setup();
    store.getState().select(['api']);
    const field = document.querySelector('input')!;
    expect(press('d', { ctrlKey: true }, field)).toBe(false);
    expect(press('a', { ctrlKey: true }, field)).toBe(false);
    expect(Object.keys(store.getState().doc.spec.nodes)).toEqual(['db', 'api']);
    expect(store.getState().selectedNodes).toEqual(['api']);
  });

  it('lets the browser copy when nothing is selected, and paste does nothing without a clip', () => {
    const { store, press } = setup();
    expect(press('c', { ctrlKey: true })).toBe(false);
    expect(press('v', { ctrlKey: true })).toBe(false);
    expect(store.getState().past).toHaveLength(0);
  });
});
