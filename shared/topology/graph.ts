import {
  isContainer,
  sharedNetworkService,
  type DependencyCondition,
  type Topology,
  type TopologyNode,
} from './model';

export interface Edge {
  /** The node that waits. */
  readonly from: string;
  /** The node it waits for. */
  readonly to: string;
  readonly condition: DependencyCondition;
  /** Where the edge was declared, relative to the node. */
  readonly field: readonly (string | number)[];
  /** Declared in `dependsOn`, or implied by a mount, a network or `networkMode: service:x`. */
  readonly implicit: boolean;
  /** `required: false`: the node starts even when this dependency is missing or fails. */
  readonly optional?: boolean;
}

/**
 * Every "must exist before" edge of a node: declared dependencies, plus the volumes it mounts,
 * the networks it joins and a `service:` network mode. Edges to missing nodes are included; the
 * caller decides whether that is a problem.
 */
export function edgesOf(id: string, node: TopologyNode): Edge[] {
  if (!isContainer(node)) return [];
  const edges: Edge[] = [];
  node.dependsOn?.forEach((dep, i) => {
    edges.push({
      from: id,
      to: dep.node,
      condition: dep.condition,
      field: ['dependsOn', i, 'node'],
      implicit: false,
      ...(dep.required === false ? { optional: true } : {}),
    });
  });
  node.mounts?.forEach((mount, i) => {
    if (mount.type === 'volume' && mount.source !== undefined) {
      edges.push({
        from: id,
        to: mount.source,
        condition: 'started',
        field: ['mounts', i, 'source'],
        implicit: true,
      });
    }
  });
  node.networks?.forEach((attachment, i) => {
    edges.push({
      from: id,
      to: attachment.network,
      condition: 'started',
      field: ['networks', i, 'network'],
      implicit: true,
    });
  });
  const shared = sharedNetworkService(node.networkMode);
  if (shared !== undefined) {
    edges.push({ from: id, to: shared, condition: 'started', field: ['networkMode'], implicit: true });
  }
  return edges;
}

/** Adjacency (node -> the nodes it waits for) restricted to nodes that exist, in a stable order. */
export function dependencyGraph(topology: Topology): Map<string, Edge[]> {
  const nodes = topology.spec.nodes;
  const graph = new Map<string, Edge[]>();
  for (const id of Object.keys(nodes).sort()) {
    const node = nodes[id];
    if (node === undefined) continue;
    graph.set(
      id,
      edgesOf(id, node).filter((edge) => Object.hasOwn(nodes, edge.to)),
    );
  }
  return graph;
}

/**
 * Cycles as node paths (`[a, b, c]` means a -> b -> c -> a), one per strongly connected component
 * that contains a cycle. Iterative Tarjan: linear, and no recursion to overflow on long chains.
 */
export function findCycles(graph: ReadonlyMap<string, readonly Edge[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;

  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame === undefined) break;
      const edges = graph.get(frame.id) ?? [];
      const edge = edges[frame.next++];
      if (edge !== undefined) {
        if (!index.has(edge.to)) {
          index.set(edge.to, counter);
          low.set(edge.to, counter++);
          stack.push(edge.to);
          onStack.add(edge.to);
          work.push({ id: edge.to, next: 0 });
        } else if (onStack.has(edge.to)) {
          low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(edge.to) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      const selfLoop = (graph.get(frame.id) ?? []).some((e) => e.to === frame.id);
      if (component.length > 1 || selfLoop) cycles.push(cyclePath(graph, new Set(component)));
    }
  }
  return cycles;
}

/** A concrete cycle inside a strongly connected component, starting at its smallest id. */
function cyclePath(graph: ReadonlyMap<string, readonly Edge[]>, component: ReadonlySet<string>): string[] {
  const start = [...component].sort()[0] ?? '';
  // Breadth-first search back to the start gives the shortest cycle through it.
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head] ?? '';
    for (const edge of graph.get(current) ?? []) {
      if (!component.has(edge.to)) continue;
      if (edge.to === start) {
        const path = [current];
        while (path[0] !== start) path.unshift(previous.get(path[0] ?? '') ?? start);
        return path;
      }
      if (!previous.has(edge.to)) {
        previous.set(edge.to, current);
        queue.push(edge.to);
      }
    }
  }
  return [start];
}
