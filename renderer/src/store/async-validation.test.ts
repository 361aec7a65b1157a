import { describe, expect, it } from 'vitest';
import { makeTopology } from '../../../shared/testing/topologies';
import { replaceNode, type Problem, type Topology, type TopologyNode } from '../../../shared/topology';
import { createAppStore } from './app-store';
import { ASYNC_VALIDATION_NODES, type ProblemsValidator } from './document-slice';

/** A validator the test answers by hand, in any order. */
function manualValidator() {
  const asked: Array<{ doc: Topology; answer: (problems: Problem[] | undefined) => void }> = [];
  const validator: ProblemsValidator = {
    validate: (doc) => new Promise((resolve) => asked.push({ doc, answer: resolve })),
  };
  return { validator, asked };
}

function bigTopology(size = ASYNC_VALIDATION_NODES): Topology {
  const nodes: Record<string, TopologyNode> = {};
  for (let i = 0; i < size; i++) nodes[`v${i}`] = { kind: 'volume' };
  return makeTopology(nodes);
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const fake = (code: Problem['code'], nodeId: string): Problem => ({
  code,
  severity: 'error',
  message: code,
  path: ['spec', 'nodes', nodeId],
  nodeId,
});

describe('document slice: big documents are validated off the page thread', () => {
  it('keeps small documents synchronous', () => {
    const { validator, asked } = manualValidator();
    const store = createAppStore({ validator });
    store.getState().loadDocument(makeTopology({ web: { kind: 'service' } }), null);
    expect(asked).toHaveLength(0);
    expect(store.getState().problems.map((p) => p.code)).toEqual(['IMAGE_MISSING']);
    expect(store.getState().problemsPending).toBe(false);
  });

  it('shows the previous problems while a big document is validated, then the answer', async () => {
    const { validator, asked } = manualValidator();
    const store = createAppStore({ validator });
    store.getState().loadDocument(bigTopology(), null);
    expect(store.getState().problemsPending).toBe(true);
    expect(asked).toHaveLength(1);
    asked[0]!.answer([fake('IMAGE_MISSING', 'v1')]);
    await flush();
    expect(store.getState().problems.map((p) => p.nodeId)).toEqual(['v1']);
    expect(store.getState().problemsPending).toBe(false);
  });

  it('takes only the latest answer: an earlier one arriving late is dropped', async () => {
    const { validator, asked } = manualValidator();
    const store = createAppStore({ validator });
    store.getState().loadDocument(bigTopology(), null);
    store.getState().edit((doc) => replaceNode(doc, 'v2', { kind: 'volume', external: true }));
    expect(asked).toHaveLength(2);
    asked[1]!.answer([fake('VOLUME_UNKNOWN', 'v2')]);
    await flush();
    asked[0]!.answer([fake('IMAGE_MISSING', 'v1')]);
    await flush();
    expect(store.getState().problems.map((p) => p.nodeId)).toEqual(['v2']);
  });

  it('ignores a superseded request (undefined) and keeps waiting for the latest', async () => {
    const { validator, asked } = manualValidator();
    const store = createAppStore({ validator });
    store.getState().loadDocument(bigTopology(), null);
    asked[0]!.answer(undefined);
    await flush();
    expect(store.getState().problemsPending).toBe(true);
  });

  it('does not ask again for a layout-only change', () => {
    const { validator, asked } = manualValidator();
    const store = createAppStore({ validator });
    store.getState().loadDocument(bigTopology(), null);
    store.getState().edit((doc) => ({ ...doc, layout: { nodes: { v1: { x: 1, y: 2 } } } }));
    expect(asked).toHaveLength(1);
  });
});
