import { edgesOf } from './graph';
import type { Topology } from './model';

/**
 * The part of a topology one node needs: the node and everything it depends on, transitively
 * (declared dependencies, mounted volumes, joined networks). Secrets, configs and notifications
 * stay; the editor's layout does not.
 */
export function subgraphOf(topology: Topology, nodeId: string): Topology {
  const nodes = topology.spec.nodes;
  const keep = new Set<string>();
  const visit = (id: string) => {
    if (keep.has(id) || !Object.hasOwn(nodes, id)) return;
    keep.add(id);
    for (const edge of edgesOf(id, nodes[id]!)) visit(edge.to);
  };
  visit(nodeId);
  const { layout: _layout, ...rest } = topology;
  return {
    ...rest,
    spec: { ...topology.spec, nodes: Object.fromEntries([...keep].map((id) => [id, nodes[id]!])) },
  };
}
