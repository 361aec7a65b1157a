import { edgesOf } from './graph';
import { handlerIds } from './handler-parts';
import type { Topology } from './model';

/**
 * The part of a topology one node needs: the node and everything it depends on, transitively
 * (declared dependencies, mounted volumes, joined networks). Secrets, configs, notifications and
 * the run's handlers stay, with the handler jobs and what they mount or join (a scheduled job's run
 * ends like any other run); the editor's layout does not.
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
  for (const handler of handlerIds(topology.spec.handlers)) visit(handler);
  const { layout: _layout, ...rest } = topology;
  return {
    ...rest,
    spec: { ...topology.spec, nodes: Object.fromEntries([...keep].map((id) => [id, nodes[id]!])) },
  };
}
