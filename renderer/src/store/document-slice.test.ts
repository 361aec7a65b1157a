import { describe, expect, it } from 'vitest';
import { addNode, moveNodes, newTopology, replaceNode, type Topology } from '../../../shared/topology';
import { createAppStore } from './app-store';
import { COALESCE_MS, HISTORY_LIMIT, selectCanRedo, selectCanUndo, selectIsDirty } from './document-slice';

/** A store whose clock the test moves by hand. */
function storeAt(start = 1_000_000) {
  let t = start;
  const store = createAppStore({ now: () => t });
  return { store, advance: (ms: number) => (t += ms) };
}

const setImage = (id: string, image: string) => (doc: Topology) =>
  replaceNode(doc, id, { ...doc.spec.nodes[id]!, image } as Topology['spec']['nodes'][string]);

const imageOf = (doc: Topology, id: string) => (doc.spec.nodes[id] as { image?: string } | undefined)?.image;

function withService(store: ReturnType<typeof createAppStore>, id = 'web') {
  store.getState().edit((doc) => addNode(doc, 'service', { x: 0, y: 0 }, id).topology);
}

describe('document slice: undo and redo', () => {
  it('undoes and redoes an edit, restoring the document and its problems', () => {
    const { store } = storeAt();
    const empty = store.getState().doc;
    withService(store);
    const withWeb = store.getState().doc;
    expect(Object.keys(withWeb.spec.nodes)).toEqual(['web']);
    expect(store.getState().problems.some((p) => p.nodeId === 'web')).toBe(true);

    store.getState().undo();
    expect(store.getState().doc).toBe(empty);
    expect(store.getState().problems.some((p) => p.nodeId === 'web')).toBe(false);
    expect(selectCanUndo(store.getState())).toBe(false);
    expect(selectCanRedo(store.getState())).toBe(true);

    store.getState().redo();
    expect(store.getState().doc).toBe(withWeb);
    expect(store.getState().problems.some((p) => p.nodeId === 'web')).toBe(true);
    expect(selectCanRedo(store.getState())).toBe(false);
  });

  it('a change that returns the same document is not a step', () => {
    const { store } = storeAt();
    store.getState().edit((doc) => doc);
    expect(store.getState().past).toHaveLength(0);
  });

  it('a new edit after an undo drops the redo branch', () => {
    const { store, advance } = storeAt();
    withService(store);
    advance(5000);
    store.getState().edit(setImage('web', 'nginx'));
    store.getState().undo();
    expect(selectCanRedo(store.getState())).toBe(true);
    store.getState().edit(setImage('web', 'caddy'));
    expect(selectCanRedo(store.getState())).toBe(false);
    expect(imageOf(store.getState().doc, 'web')).toBe('caddy');
  });

  it('coalesces edits with the same key made within the window into one step', () => {
    const { store, advance } = storeAt();
    withService(store);
    const before = store.getState().doc;
    for (const image of ['n', 'ng', 'ngi', 'ngin', 'nginx']) {
      advance(COALESCE_MS / 4);
      store.getState().edit(setImage('web', image), { coalesce: 'field:web:image' });
    }
    expect(store.getState().past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().doc).toBe(before);
  });

  it('keeps edits apart when the pause is as long as the window, or the key differs', () => {
    const { store, advance } = storeAt();
    withService(store);
    store.getState().edit(setImage('web', 'a'), { coalesce: 'field:web:image' });
    advance(COALESCE_MS);
    store.getState().edit(setImage('web', 'ab'), { coalesce: 'field:web:image' });
    advance(10);
    store.getState().edit((doc) => replaceNode(doc, 'web', { ...doc.spec.nodes.web!, description: 'x' }), {
      coalesce: 'field:web:description',
    });
    advance(10);
    // No key: always its own step, and it ends a run of typing.
    store.getState().edit(setImage('web', 'abc'));
    advance(10);
    store.getState().edit(setImage('web', 'abcd'), { coalesce: 'field:web:image' });
    expect(store.getState().past).toHaveLength(6);
    store.getState().undo();
    expect(imageOf(store.getState().doc, 'web')).toBe('abc');
    store.getState().undo();
    store.getState().undo();
    store.getState().undo();
    expect(imageOf(store.getState().doc, 'web')).toBe('a');
  });

  it('an undo ends coalescing: the next keystroke is a new step', () => {
    const { store, advance } = storeAt();
    withService(store);
    store.getState().edit(setImage('web', 'a'), { coalesce: 'k' });
    advance(10);
    store.getState().edit(setImage('web', 'ab'), { coalesce: 'k' });
    store.getState().undo();
    advance(10);
    store.getState().edit(setImage('web', 'x'), { coalesce: 'k' });
    store.getState().undo();
    expect(imageOf(store.getState().doc, 'web')).toBeUndefined();
  });

  it(`keeps at most ${HISTORY_LIMIT} steps, dropping the oldest`, () => {
    const { store, advance } = storeAt();
    withService(store);
    const total = HISTORY_LIMIT + 25;
    for (let i = 1; i <= total; i++) {
      advance(COALESCE_MS * 2);
      store.getState().edit(setImage('web', `img:${i}`));
    }
    expect(store.getState().past).toHaveLength(HISTORY_LIMIT);
    let undone = 0;
    while (selectCanUndo(store.getState())) {
      store.getState().undo();
      undone++;
    }
    expect(undone).toBe(HISTORY_LIMIT);
    // The oldest steps are gone: the earliest reachable document is the one after step 25.
    expect(imageOf(store.getState().doc, 'web')).toBe(`img:${total - HISTORY_LIMIT}`);
  });

  it('a layout-only edit keeps the same problems array (no revalidation)', () => {
    const { store } = storeAt();
    withService(store);
    const problems = store.getState().problems;
    expect(problems.length).toBeGreaterThan(0);
    store.getState().edit((doc) => moveNodes(doc, { web: { x: 120, y: 48 } }), { coalesce: 'drag' });
    expect(store.getState().doc.layout?.nodes?.web).toMatchObject({ x: 120, y: 48 });
    expect(store.getState().problems).toBe(problems);
    store.getState().undo();
    expect(store.getState().problems).toBe(problems);
    // A spec change does revalidate.
    store.getState().edit(setImage('web', 'nginx:1.27'));
    expect(store.getState().problems).not.toBe(problems);
  });

  it('loadDocument resets the history and the dirty flag', () => {
    const { store, advance } = storeAt();
    withService(store);
    advance(5000);
    store.getState().edit(setImage('web', 'nginx'), { coalesce: 'field:k' });
    store.getState().edit(setImage('web', 'nginx:1'), { coalesce: 'field:k' });
    store.getState().undo();
    expect(selectIsDirty(store.getState())).toBe(true);
    expect(selectCanRedo(store.getState())).toBe(true);

    const opened = addNode(newTopology('shop'), 'volume', { x: 0, y: 0 }, 'data').topology;
    store.getState().loadDocument(opened, '/tmp/shop.dockwright.yaml');
    const s = store.getState();
    expect(s.doc).toBe(opened);
    expect(s.past).toEqual([]);
    expect(s.future).toEqual([]);
    expect(s.filePath).toBe('/tmp/shop.dockwright.yaml');
    expect(selectIsDirty(s)).toBe(false);
    expect(selectCanUndo(s)).toBe(false);

    // Typing right after loading (same key, no pause) is a step of its own, undone back to the file.
    store
      .getState()
      .edit((doc) => replaceNode(doc, 'data', { kind: 'volume', description: 'd' }), { coalesce: 'field:k' });
    expect(store.getState().past).toEqual([opened]);
    store.getState().undo();
    expect(store.getState().doc).toBe(opened);

    store.getState().loadDocument(opened, null, { dirty: true });
    expect(selectIsDirty(store.getState())).toBe(true);
  });

  it('markSaved clears the dirty flag until the next edit', () => {
    const { store } = storeAt();
    withService(store);
    expect(selectIsDirty(store.getState())).toBe(true);
    store.getState().markSaved('/tmp/a.yaml');
    expect(selectIsDirty(store.getState())).toBe(false);
    store.getState().edit(setImage('web', 'nginx'));
    expect(selectIsDirty(store.getState())).toBe(true);
    store.getState().undo();
    expect(selectIsDirty(store.getState())).toBe(false);
  });
});
