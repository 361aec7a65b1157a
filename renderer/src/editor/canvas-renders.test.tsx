import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { NodeRunState } from '../../../shared/ipc/contract';
import type { Topology, TopologyNode } from '../../../shared/topology';
import { relationEdges } from '../../../shared/topology/relations';
import { makeTopology } from '../../../shared/testing/topologies';
import { ApiProvider } from '../api/api-context';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { stubPropertiesForFile } from '../testing/dom-stubs';
import { fakeMainSide } from '../testing/main-side.fake';
import { Canvas } from './canvas';
import { listenToCanvasRenders, type RenderedPart } from './render-probe';

/*
 * What a change costs on the canvas, counted in renders of node cards and edges: a run event
 * re-renders the node it is about (and at most the edges at that node), never the rest of a
 * large graph. Counted, not timed: the time is the benchmark's (bench/editor-canvas.bench.ts).
 */

class ResizeObserverStub {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback([{ target } as ResizeObserverEntry], this);
  }
  unobserve() {}
  disconnect() {}
}
class DOMMatrixStub {
  m22 = 1;
}
stubPropertiesForFile([
  [globalThis, 'ResizeObserver', { value: ResizeObserverStub, writable: true }],
  [globalThis, 'DOMMatrixReadOnly', { value: DOMMatrixStub, writable: true }],
  [HTMLElement.prototype, 'offsetWidth', { get: () => 1200 }],
  [HTMLElement.prototype, 'offsetHeight', { get: () => 800 }],
]);
afterEach(cleanup);

const SERVICES = 24;

/** A network, a volume and a chain of services, each on the network, some mounting the volume. */
function chain(): Topology {
  const nodes: Record<string, TopologyNode> = { net: { kind: 'network' }, data: { kind: 'volume' } };
  const layout: Record<string, { x: number; y: number }> = { net: { x: 0, y: 0 }, data: { x: 0, y: 160 } };
  for (let i = 0; i < SERVICES; i++) {
    nodes[`svc-${i}`] = {
      kind: 'service',
      image: 'app:1',
      networks: [{ network: 'net' }],
      ...(i % 4 === 0 ? { mounts: [{ type: 'volume' as const, source: 'data', target: '/data' }] } : {}),
      ...(i > 0 ? { dependsOn: [{ node: `svc-${i - 1}`, condition: 'started' as const }] } : {}),
    };
    layout[`svc-${i}`] = { x: 320 + (i % 6) * 260, y: Math.floor(i / 6) * 130 };
  }
  return makeTopology(nodes, { layout: { nodes: layout } });
}

const at = '2026-01-01T00:00:00.000Z';
const state = (nodeId: string, name: NodeRunState['state']): NodeRunState => ({ nodeId, state: name, at });

function renderCanvas(doc: Topology): AppStore {
  const store = createAppStore();
  store.getState().loadDocument(doc, null);
  const { api } = fakeMainSide({});
  const nodes = Object.fromEntries(Object.keys(doc.spec.nodes).map((id) => [id, state(id, 'pending')]));
  store.getState().showRun({
    runId: 'run-1',
    project: 'demo',
    idempotencyKey: 'key-1',
    state: 'running',
    startedAt: at,
    nodes,
  });
  render(
    <ApiProvider api={api}>
      <StoreProvider store={store}>
        <div style={{ width: 1200, height: 800 }}>
          <Canvas />
        </div>
      </StoreProvider>
    </ApiProvider>,
  );
  return store;
}

/** Renders of each node card and edge while `change` runs, by id. */
function rendersDuring(change: () => void): Record<RenderedPart, Map<string, number>> {
  const counts: Record<RenderedPart, Map<string, number>> = { node: new Map(), edge: new Map() };
  const stop = listenToCanvasRenders((part, id) => counts[part].set(id, (counts[part].get(id) ?? 0) + 1));
  try {
    act(change);
  } finally {
    stop();
  }
  return counts;
}

// A guard against hangs only (mounting React Flow in jsdom is slow on a loaded machine).
describe('canvas renders', { timeout: 120_000 }, () => {
  it('draws every node and edge of the graph', () => {
    const doc = chain();
    const counts = rendersDuring(() => void renderCanvas(doc));
    expect(counts.node.size).toBe(SERVICES + 2);
    expect(counts.edge.size).toBe(relationEdges(doc).length);
  });

  it('a run status change re-renders only the changed node and its edges', () => {
    const doc = chain();
    const store = renderCanvas(doc);
    const edgesAt = new Set(
      relationEdges(doc)
        .filter((edge) => edge.source === 'svc-7' || edge.target === 'svc-7')
        .map((edge) => edge.id),
    );
    const counts = rendersDuring(() =>
      store.getState().applyNodeEvent({ runId: 'run-1', ...state('svc-7', 'starting') }),
    );
    expect([...counts.node]).toEqual([['svc-7', 1]]);
    for (const [id, times] of counts.edge) {
      expect(edgesAt.has(id), `edge ${id} is not at svc-7`).toBe(true);
      expect(times).toBe(1);
    }
    expect(document.querySelector('[data-testid="node-svc-7"]')?.getAttribute('data-state')).toBe('starting');
  });

  it('a batch of run events re-renders the nodes it is about, once each', () => {
    const store = renderCanvas(chain());
    const counts = rendersDuring(() => {
      for (const id of ['svc-1', 'svc-2', 'svc-3'])
        store.getState().applyNodeEvent({ runId: 'run-1', ...state(id, 'running') });
    });
    expect([...counts.node.keys()].sort()).toEqual(['svc-1', 'svc-2', 'svc-3']);
    expect([...counts.node.values()]).toEqual([1, 1, 1]);
  });

  it('an event of another run re-renders nothing', () => {
    const store = renderCanvas(chain());
    const counts = rendersDuring(() =>
      store.getState().applyNodeEvent({ runId: 'run-2', ...state('svc-7', 'failed') }),
    );
    expect(counts.node.size + counts.edge.size).toBe(0);
  });
});
