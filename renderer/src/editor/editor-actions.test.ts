import { describe, expect, it } from 'vitest';
import { relationEdges } from '../../../shared/topology';
import { makeTopology } from '../../../shared/testing/topologies';
import { createAppStore } from '../store/app-store';
import { registerCanvas } from './canvas-bridge';
import {
  addNodeAt,
  addNodeInView,
  connectNodes,
  deleteElements,
  freeSpot,
  layOut,
  moveNodesTo,
} from './editor-actions';

function storeWith(
  nodes: Parameters<typeof makeTopology>[0],
  positions: Record<string, { x: number; y: number }>,
) {
  let t = 0;
  const store = createAppStore({ now: () => t });
  store.getState().loadDocument(makeTopology(nodes, { layout: { nodes: positions } }), null);
  return { store, advance: (ms: number) => (t += ms) };
}

describe('editor actions', () => {
  it('adds a node snapped to the grid with a unique id, selected, as one undo step', () => {
    const { store } = storeWith({}, {});
    expect(addNodeAt(store, 'service', { x: 101, y: 39 })).toBe('service');
    expect(addNodeAt(store, 'service', { x: 300, y: 40 })).toBe('service-2');
    const { doc, selectedNodes, past } = store.getState();
    expect(doc.layout?.nodes?.service).toEqual({ x: 96, y: 32 });
    expect(selectedNodes).toEqual(['service-2']);
    expect(past).toHaveLength(2);
    store.getState().undo();
    expect(Object.keys(store.getState().doc.spec.nodes)).toEqual(['service']);
  });

  it('adds in the middle of the view, a step aside when something already sits there', () => {
    const { store } = storeWith({}, {});
    const unregister = registerCanvas(store, {
      viewportCentre: () => ({ x: 500, y: 300 }),
      positionOf: (id) => store.getState().doc.layout?.nodes?.[id],
    });
    const first = addNodeInView(store, 'job');
    const second = addNodeInView(store, 'job');
    const at = store.getState().doc.layout!.nodes!;
    expect(at[first]).toEqual({ x: 384, y: 256 }); // centred: 500 - 220/2, 300 - 96/2, on the grid
    expect(at[second]).toEqual({ x: 416, y: 288 });
    unregister();
  });

  it('finds a free spot past a cascade', () => {
    const doc = makeTopology({}, { layout: { nodes: { a: { x: 0, y: 0 }, b: { x: 32, y: 32 } } } });
    expect(freeSpot(doc, { x: 3, y: -2 })).toEqual({ x: 64, y: 64 });
    expect(freeSpot(doc, { x: 400, y: 0 })).toEqual({ x: 400, y: 0 });
  });

  it('one drag (many moves of the same nodes) is one undo step', () => {
    const { store, advance } = storeWith(
      { a: { kind: 'volume' }, b: { kind: 'network' } },
      {
        a: { x: 0, y: 0 },
        b: { x: 0, y: 160 },
      },
    );
    for (let i = 1; i <= 10; i++) {
      advance(16);
      // Held still for a while mid-drag: still the same gesture.
      if (i === 5) advance(3000);
      moveNodesTo(store, { a: { x: i * 16, y: 0 }, b: { x: i * 16, y: 160 } }, false);
    }
    expect(store.getState().past).toHaveLength(1);
    // The drag ends long after, where it already is: no empty step.
    advance(5000);
    moveNodesTo(store, { a: { x: 160, y: 0 }, b: { x: 160, y: 160 } }, true);
    expect(store.getState().past).toHaveLength(1);
    // A second drag right after is a step of its own.
    moveNodesTo(store, { a: { x: 176, y: 0 }, b: { x: 176, y: 160 } }, true);
    expect(store.getState().past).toHaveLength(2);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().doc.layout?.nodes?.a).toEqual({ x: 0, y: 0 });
  });

  it('deletes nodes and edges together as one step', () => {
    const { store } = storeWith(
      {
        db: { kind: 'service', image: 'postgres:16' },
        api: { kind: 'service', image: 'app', dependsOn: [{ node: 'db', condition: 'started' }] },
        web: { kind: 'service', image: 'web', dependsOn: [{ node: 'api', condition: 'started' }] },
      },
      {},
    );
    const apiToWeb = relationEdges(store.getState().doc).find((e) => e.target === 'web')!.id;
    store.getState().select(['db'], [apiToWeb]);
    deleteElements(store, ['db'], [apiToWeb]);
    const { doc, past, selectedNodes, selectedEdges } = store.getState();
    expect(Object.keys(doc.spec.nodes)).toEqual(['api', 'web']);
    expect(relationEdges(doc)).toEqual([]);
    expect(past).toHaveLength(1);
    expect([selectedNodes, selectedEdges]).toEqual([[], []]);
  });

  it('connects with the default condition and selects the new dependency; refuses with a reason', () => {
    const { store } = storeWith(
      {
        db: { kind: 'service', image: 'postgres:16', healthcheck: { test: ['CMD', 'pg_isready'] } },
        api: { kind: 'service', image: 'app' },
        data: { kind: 'volume' },
      },
      {},
    );
    const made = connectNodes(store, 'db', 'api');
    expect(made).toEqual({ ok: true, relation: 'dependency', condition: 'healthy' });
    expect(store.getState().selectedEdges).toEqual(['dependency:db->api#0']);

    const cycle = connectNodes(store, 'api', 'db');
    expect(cycle.ok).toBe(false);
    expect(!cycle.ok && cycle.reason).toMatch(/cycle/);
    const volume = connectNodes(store, 'api', 'data');
    expect(!volume.ok && volume.reason).toMatch(/volume cannot depend/);
    expect(store.getState().past).toHaveLength(1);
  });

  it('lays out the selection when two or more nodes are selected, else everything; undoable', () => {
    const { store } = storeWith(
      {
        a: { kind: 'network' },
        b: { kind: 'service', image: 'x', networks: [{ network: 'a' }] },
        c: { kind: 'volume' },
      },
      { a: { x: 800, y: 800 }, b: { x: 0, y: 0 }, c: { x: 1600, y: 1600 } },
    );
    store.getState().select(['a', 'b']);
    expect(layOut(store)).toBe('selection');
    let at = store.getState().doc.layout!.nodes!;
    expect(at.c).toEqual({ x: 1600, y: 1600 });
    expect(at.a!.x).toBeLessThan(at.b!.x);
    store.getState().select([]);
    expect(layOut(store)).toBe('all');
    at = store.getState().doc.layout!.nodes!;
    expect(at.c).not.toEqual({ x: 1600, y: 1600 });
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().doc.layout!.nodes!.a).toEqual({ x: 800, y: 800 });
  });
});
