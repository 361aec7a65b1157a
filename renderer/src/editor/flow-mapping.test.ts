import { describe, expect, it } from 'vitest';
import { moveNodes, NODE_HEIGHT, validate, type Topology } from '../../../shared/topology';
import { makeTopology } from '../../../shared/testing/topologies';
import { CARD_HEIGHT, CARD_WIDTH } from './card-geometry';
import { createFlowMapper, type FlowInputs } from './flow-mapping';

function threeTier(): Topology {
  return makeTopology(
    {
      net: { kind: 'network' },
      data: { kind: 'volume' },
      db: {
        kind: 'service',
        image: 'postgres:16',
        healthcheck: { test: ['CMD', 'pg_isready'] },
        networks: [{ network: 'net' }],
        mounts: [{ type: 'volume', source: 'data', target: '/var/lib/postgresql/data' }],
      },
      migrate: { kind: 'job', image: 'app:1', dependsOn: [{ node: 'db', condition: 'healthy' }] },
      api: {
        kind: 'service',
        image: 'app:1',
        ports: [{ target: 80, published: 8080 }],
        dependsOn: [
          { node: 'db', condition: 'healthy' },
          { node: 'migrate', condition: 'completed' },
        ],
        networks: [{ network: 'net' }],
      },
    },
    {
      layout: {
        nodes: {
          net: { x: 0, y: 0 },
          data: { x: 0, y: 160 },
          db: { x: 320, y: 80 },
          migrate: { x: 640, y: 0 },
          api: { x: 960, y: 80 },
        },
      },
    },
  );
}

function inputs(doc: Topology, extra: Partial<FlowInputs> = {}): FlowInputs {
  return { doc, selectedNodes: [], selectedEdges: [], problems: validate(doc), ...extra };
}

describe('flow mapping', () => {
  it('draws every node where the layout puts it and every relation as a typed edge', () => {
    const { nodes, edges } = createFlowMapper().map(inputs(threeTier()));
    expect(nodes.map((n) => [n.id, n.type, n.position])).toEqual([
      ['net', 'topology', { x: 0, y: 0 }],
      ['data', 'topology', { x: 0, y: 160 }],
      ['db', 'topology', { x: 320, y: 80 }],
      ['migrate', 'topology', { x: 640, y: 0 }],
      ['api', 'topology', { x: 960, y: 80 }],
    ]);
    expect(nodes.find((n) => n.id === 'api')?.ariaLabel).toBe('service api');
    const byLabel = Object.fromEntries(
      edges.map((e): [string, string] => [e.ariaLabel ?? '', e.className ?? '']),
    );
    expect(byLabel).toEqual({
      'db joins network net': 'dw-edge dw-edge--network',
      'db mounts volume data': 'dw-edge dw-edge--mount',
      'migrate depends on db (healthy)': 'dw-edge dw-edge--dependency dw-edge--healthy',
      'api depends on db (healthy)': 'dw-edge dw-edge--dependency dw-edge--healthy',
      'api depends on migrate (completed)': 'dw-edge dw-edge--dependency dw-edge--completed',
      'api joins network net': 'dw-edge dw-edge--network',
    });
    const toApi = edges.filter((e) => e.target === 'api').map((e) => [e.source, e.data?.relation]);
    expect(toApi).toEqual([
      ['db', 'dependency'],
      ['migrate', 'dependency'],
      ['net', 'network'],
    ]);
  });

  it('gives back the same arrays when nothing changed', () => {
    const mapper = createFlowMapper();
    const doc = threeTier();
    const first = mapper.map(inputs(doc));
    // New input objects (selection arrays, problems found again), same content.
    const again = mapper.map(inputs(doc));
    expect(again.nodes).toBe(first.nodes);
    expect(again.edges).toBe(first.edges);
  });

  it('moving one node rebuilds that node only, and no edge', () => {
    const mapper = createFlowMapper();
    const doc = threeTier();
    const base = inputs(doc);
    const before = mapper.map(base);
    const moved = moveNodes(doc, { db: { x: 336, y: 96 } });
    const after = mapper.map({ ...base, doc: moved });
    expect(after.nodes).not.toBe(before.nodes);
    after.nodes.forEach((node, i) => {
      if (node.id === 'db') {
        expect(node).not.toBe(before.nodes[i]);
        expect(node.position).toEqual({ x: 336, y: 96 });
        // Same node, same run, same problems: the card's data keeps its identity too.
        expect(node.data).toBe(before.nodes[i]?.data);
      } else {
        expect(node).toBe(before.nodes[i]);
      }
    });
    expect(after.edges).toBe(before.edges);
  });

  it('a selection or a run state changes the nodes concerned, nothing else', () => {
    const mapper = createFlowMapper();
    const doc = threeTier();
    const before = mapper.map(inputs(doc));
    const selected = mapper.map(inputs(doc, { selectedNodes: ['api'], selectedEdges: [] }));
    const changed = selected.nodes.filter((n, i) => n !== before.nodes[i]).map((n) => n.id);
    expect(changed).toEqual(['api']);
    expect(selected.nodes.find((n) => n.id === 'api')?.selected).toBe(true);

    const edgeId = before.edges.find((e) => e.target === 'migrate')!.id;
    const withEdge = mapper.map(inputs(doc, { selectedNodes: ['api'], selectedEdges: [edgeId] }));
    expect(withEdge.nodes).toBe(selected.nodes);
    expect(withEdge.edges.filter((e, i) => e !== before.edges[i]).map((e) => e.id)).toEqual([edgeId]);
  });

  it('counts the problems of each node and marks the edges they point at', () => {
    const doc = threeTier();
    const broken: Topology = {
      ...doc,
      spec: {
        ...doc.spec,
        nodes: {
          ...doc.spec.nodes,
          // db now waits for api, which waits for db: a cycle.
          db: { ...doc.spec.nodes.db!, dependsOn: [{ node: 'api', condition: 'started' }] } as never,
          web: { kind: 'service', image: '' },
        },
      },
    };
    const problems = validate(broken);
    const mapper = createFlowMapper();
    const { nodes, edges } = mapper.map(inputs(broken, { problems }));
    const web = nodes.find((n) => n.id === 'web')!;
    expect(web.data.issues?.errors).toBeGreaterThan(0);
    expect(web.data.issues?.messages.join(' ')).toMatch(/image/i);
    expect(nodes.find((n) => n.id === 'net')?.data.issues).toBeUndefined();
    const cycle = edges.filter((e) => e.className?.includes('dw-edge--error')).map((e) => e.ariaLabel);
    expect(cycle).toEqual(
      expect.arrayContaining(['db depends on api (started)', 'api depends on db (healthy)']),
    );
    expect(cycle).not.toContain('api joins network net');

    // The same problems found again (a new array): the cards keep their identity.
    const again = mapper.map(inputs(broken, { problems: validate(broken) }));
    expect(again.nodes).toBe(nodes);
    expect(again.edges).toBe(edges);
  });

  it('places nodes the document does not place, below the others, and keeps them there', () => {
    const doc = threeTier();
    const withLoose: Topology = {
      ...doc,
      spec: {
        ...doc.spec,
        nodes: {
          ...doc.spec.nodes,
          cache: { kind: 'service', image: 'redis:7' },
          worker: { kind: 'service', image: 'app:1', dependsOn: [{ node: 'cache', condition: 'started' }] },
        },
      },
    };
    const mapper = createFlowMapper();
    const first = mapper.map(inputs(withLoose)).nodes;
    const cache = first.find((n) => n.id === 'cache')!.position;
    const worker = first.find((n) => n.id === 'worker')!.position;
    const lowest = Math.max(...Object.values(doc.layout!.nodes!).map((p) => p.y));
    expect(cache.y).toBeGreaterThanOrEqual(lowest + NODE_HEIGHT);
    expect(worker.x).toBeGreaterThan(cache.x); // laid out left to right: what is needed first
    expect([cache.x % 16, cache.y % 16]).toEqual([0, 0]);
    expect(mapper.positionOf(withLoose, 'cache')).toEqual(cache);

    // An unrelated edit elsewhere does not move them.
    const edited = moveNodes(withLoose, { net: { x: 0, y: 800 } });
    const second = mapper.map(inputs(edited)).nodes;
    expect(second.find((n) => n.id === 'cache')!.position).toEqual(cache);
  });

  it('hands React Flow every node with its size and handles, so it measures none', () => {
    const nodes = createFlowMapper().map(inputs(threeTier())).nodes;
    for (const node of nodes) {
      expect(node.measured).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
      expect(node.handles?.map((h) => h.type)).toEqual(['target', 'source']);
    }
  });

  it('forgets removed nodes and edges', () => {
    const mapper = createFlowMapper();
    const doc = threeTier();
    mapper.map(inputs(doc));
    const { api: _api, ...rest } = doc.spec.nodes;
    const smaller: Topology = { ...doc, spec: { ...doc.spec, nodes: rest } };
    const { nodes, edges } = mapper.map(inputs(smaller));
    expect(nodes.map((n) => n.id)).not.toContain('api');
    expect(edges.every((e) => e.target !== 'api' && e.source !== 'api')).toBe(true);
  });
});
