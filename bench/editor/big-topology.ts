// The benchmark graph: 1,000 nodes and 1,500 edges, laid out on a grid, the same for every run.
import type { Topology, TopologyNode } from '../../shared/topology';
import { relationEdges } from '../../shared/topology/relations';
import { seeded } from '../stats';

export const NODES = 1000;
export const EDGES = 1500;

export function bigTopology(): Topology {
  const random = seeded(42);
  const nodes: Record<string, TopologyNode> = {};
  const layout: Record<string, { x: number; y: number }> = {};
  const networks = 25;
  const volumes = 25;
  for (let i = 0; i < networks; i++) nodes[`net-${i}`] = { kind: 'network' };
  for (let i = 0; i < volumes; i++) nodes[`vol-${i}`] = { kind: 'volume' };
  const containers: string[] = [];
  for (let i = 0; containers.length < NODES - networks - volumes; i++) {
    const id = `svc-${i}`;
    containers.push(id);
    nodes[id] =
      i % 10 === 9
        ? { kind: 'job', image: `registry.example.com/job-${i}:1` }
        : {
            kind: 'service',
            image: `registry.example.com/svc-${i}:1`,
            ports: [{ target: 8080, published: 20000 + i }],
          };
  }
  // Edges: one network per container, a volume for some, dependencies on earlier containers.
  let edges = 0;
  containers.forEach((id, i) => {
    const node = nodes[id] as Extract<TopologyNode, { kind: 'service' | 'job' }>;
    node.networks = [{ network: `net-${i % networks}` }];
    edges++;
    if (i % 4 === 0 && edges < EDGES) {
      node.mounts = [{ type: 'volume', source: `vol-${i % volumes}`, target: '/data' }];
      edges++;
    }
  });
  for (let i = 1; edges < EDGES; i = (i % (containers.length - 1)) + 1) {
    const id = containers[i]!;
    const dep = containers[Math.floor(random() * i)]!;
    const node = nodes[id] as Extract<TopologyNode, { kind: 'service' | 'job' }>;
    if (node.dependsOn?.some((d) => d.node === dep)) continue;
    const depNode = nodes[dep]!;
    node.dependsOn = [
      ...(node.dependsOn ?? []),
      { node: dep, condition: depNode.kind === 'job' ? 'completed' : 'started' },
    ];
    edges++;
  }
  const ids = Object.keys(nodes);
  const columns = 40;
  ids.forEach((id, i) => {
    layout[id] = { x: (i % columns) * 260, y: Math.floor(i / columns) * 130 };
  });
  return {
    apiVersion: 'dockwright.dev/v1alpha2',
    kind: 'Topology',
    metadata: { name: 'bench' },
    spec: { nodes },
    layout: { nodes: layout },
  };
}

/** The same graph in React Flow's plain shape, for the bare page. */
export function bareGraph(topology: Topology) {
  const positions = topology.layout?.nodes ?? {};
  const nodes = Object.keys(topology.spec.nodes).map((id) => ({
    id,
    position: { x: positions[id]?.x ?? 0, y: positions[id]?.y ?? 0 },
    data: { label: id },
  }));
  const edges = relationEdges(topology).map((e) => ({ id: e.id, source: e.source, target: e.target }));
  return { nodes, edges };
}
