import { dependencyGraph } from './graph';
import {
  isContainer,
  sharedNetworkService,
  type ContainerNode,
  type DependencyCondition,
  type NodeKind,
  type Topology,
} from './model';
import { replaceNode, withNodes } from './node-edits';

/*
 * Relations between nodes, which the canvas draws as edges: listing them, checking whether a
 * connection is allowed, connecting, disconnecting and setting a dependency's condition. Pure and
 * immutable like the node edits.
 */

export type Relation = 'dependency' | 'network' | 'mount' | 'shared-network';

/** One drawn edge. `source` is upstream (what is needed), `target` the node that needs it. */
export interface RelationEdge {
  readonly id: string;
  readonly relation: Relation;
  readonly source: string;
  readonly target: string;
  /** Dependencies only. */
  readonly condition?: DependencyCondition;
  /** Index in the target's `dependsOn`, `networks` or `mounts`. */
  readonly index?: number;
}

export function relationEdgeId(relation: Relation, source: string, target: string, index = 0): string {
  return `${relation}:${source}->${target}#${index}`;
}

/** Every relation of the document whose both ends exist, in a stable order. */
export function relationEdges(topology: Topology): RelationEdge[] {
  const nodes = topology.spec.nodes;
  const out: RelationEdge[] = [];
  const exists = (id: string) => Object.hasOwn(nodes, id);
  for (const [target, node] of Object.entries(nodes)) {
    if (!isContainer(node)) continue;
    node.dependsOn?.forEach((dep, index) => {
      if (exists(dep.node)) {
        out.push({
          id: relationEdgeId('dependency', dep.node, target, index),
          relation: 'dependency',
          source: dep.node,
          target,
          condition: dep.condition,
          index,
        });
      }
    });
    node.networks?.forEach((attachment, index) => {
      if (exists(attachment.network)) {
        out.push({
          id: relationEdgeId('network', attachment.network, target, index),
          relation: 'network',
          source: attachment.network,
          target,
          index,
        });
      }
    });
    node.mounts?.forEach((mount, index) => {
      if (mount.type === 'volume' && mount.source !== undefined && exists(mount.source)) {
        out.push({
          id: relationEdgeId('mount', mount.source, target, index),
          relation: 'mount',
          source: mount.source,
          target,
          index,
        });
      }
    });
    const shared = sharedNetworkService(node.networkMode);
    if (shared !== undefined && exists(shared)) {
      out.push({
        id: relationEdgeId('shared-network', shared, target),
        relation: 'shared-network',
        source: shared,
        target,
      });
    }
  }
  return out;
}

export type ConnectionCheck =
  | { ok: true; relation: Exclude<Relation, 'shared-network'>; condition?: DependencyCondition }
  | { ok: false; reason: string };

const KIND_WORD: Record<NodeKind, string> = {
  service: 'service',
  job: 'job',
  volume: 'volume',
  network: 'network',
};

/** Whether `target` can depend on (mount, join) `source`, and as what; or why not, in words. */
export function checkConnection(topology: Topology, source: string, target: string): ConnectionCheck {
  const nodes = topology.spec.nodes;
  const from = nodes[source];
  const to = nodes[target];
  if (!from || !to) return { ok: false, reason: 'Both ends must be nodes of the topology.' };
  if (source === target) return { ok: false, reason: `"${source}" cannot depend on itself.` };
  if (!isContainer(to)) {
    return {
      ok: false,
      reason: `A ${KIND_WORD[to.kind]} cannot depend on a ${KIND_WORD[from.kind]}: ${KIND_WORD[to.kind]}s are created before any container. Drag from the ${KIND_WORD[to.kind]} to the service or job that uses it.`,
    };
  }
  if (from.kind === 'network') {
    if (to.networks?.some((a) => a.network === source)) {
      return { ok: false, reason: `"${target}" already joins the network "${source}".` };
    }
    if (to.networkMode !== undefined) {
      return {
        ok: false,
        reason: `"${target}" uses network mode "${to.networkMode}", which joins no network.`,
      };
    }
    return { ok: true, relation: 'network' };
  }
  if (from.kind === 'volume') {
    if (to.mounts?.some((m) => m.type === 'volume' && m.source === source)) {
      return { ok: false, reason: `"${target}" already mounts the volume "${source}".` };
    }
    return { ok: true, relation: 'mount' };
  }
  if (to.dependsOn?.some((d) => d.node === source)) {
    return { ok: false, reason: `"${target}" already depends on "${source}".` };
  }
  const path = dependencyPath(topology, source, target);
  if (path) {
    return {
      ok: false,
      reason: `That would make a cycle: ${[...path, source].map((id) => `"${id}"`).join(' → ')} already, so "${target}" cannot also wait for "${source}".`,
    };
  }
  const condition: DependencyCondition =
    from.kind === 'job' ? 'completed' : from.healthcheck && !from.healthcheck.disable ? 'healthy' : 'started';
  return { ok: true, relation: 'dependency', condition };
}

/** A chain of "waits for" edges from `start` to `goal` (start first), if one exists. */
function dependencyPath(topology: Topology, start: string, goal: string): string[] | undefined {
  const graph = dependencyGraph(topology);
  const previous = new Map<string, string>();
  const queue = [start];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (id === goal) {
      const path = [id];
      for (let at = previous.get(id); at !== undefined; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const edge of graph.get(id) ?? []) {
      if (seen.has(edge.to)) continue;
      seen.add(edge.to);
      previous.set(edge.to, id);
      queue.push(edge.to);
    }
  }
  return undefined;
}

function mountTarget(node: ContainerNode, volume: string): string {
  const used = new Set(node.mounts?.map((m) => m.target));
  let target = `/data/${volume}`;
  for (let n = 2; used.has(target); n++) target = `/data/${volume}-${n}`;
  return target;
}

/** Applies a connection that `checkConnection` allowed. Throws with its reason otherwise. */
export function connect(
  topology: Topology,
  source: string,
  target: string,
  condition?: DependencyCondition,
): Topology {
  const check = checkConnection(topology, source, target);
  if (!check.ok) throw new Error(check.reason);
  const node = topology.spec.nodes[target] as ContainerNode;
  let next: ContainerNode;
  switch (check.relation) {
    case 'network':
      next = { ...node, networks: [...(node.networks ?? []), { network: source }] };
      break;
    case 'mount':
      next = {
        ...node,
        mounts: [...(node.mounts ?? []), { type: 'volume', source, target: mountTarget(node, source) }],
      };
      break;
    case 'dependency':
      next = {
        ...node,
        dependsOn: [
          ...(node.dependsOn ?? []),
          { node: source, condition: condition ?? check.condition ?? 'started' },
        ],
      };
      break;
  }
  return replaceNode(topology, target, next);
}

/** Removes the relations behind drawn edges (by `RelationEdge.id`). */
export function disconnect(topology: Topology, edgeIds: Iterable<string>): Topology {
  const wanted = new Set(edgeIds);
  const edges = relationEdges(topology).filter((e) => wanted.has(e.id));
  if (edges.length === 0) return topology;
  const nodes = { ...topology.spec.nodes };
  for (const target of new Set(edges.map((e) => e.target))) {
    const node = nodes[target] as ContainerNode;
    const mine = edges.filter((e) => e.target === target);
    const drop = (relation: Relation) =>
      new Set(mine.filter((e) => e.relation === relation).map((e) => e.index));
    const next: ContainerNode = { ...node };
    const deps = drop('dependency');
    const nets = drop('network');
    const mounts = drop('mount');
    if (node.dependsOn && deps.size > 0) next.dependsOn = node.dependsOn.filter((_, i) => !deps.has(i));
    if (node.networks && nets.size > 0) next.networks = node.networks.filter((_, i) => !nets.has(i));
    if (node.mounts && mounts.size > 0) next.mounts = node.mounts.filter((_, i) => !mounts.has(i));
    if (mine.some((e) => e.relation === 'shared-network')) delete next.networkMode;
    if (next.dependsOn?.length === 0) delete next.dependsOn;
    if (next.networks?.length === 0) delete next.networks;
    if (next.mounts?.length === 0) delete next.mounts;
    nodes[target] = next;
  }
  return withNodes(topology, nodes);
}

/** Sets the condition of the dependency behind a drawn edge. */
export function setDependencyCondition(
  topology: Topology,
  edgeId: string,
  condition: DependencyCondition,
): Topology {
  const edge = relationEdges(topology).find((e) => e.id === edgeId && e.relation === 'dependency');
  if (!edge || edge.index === undefined) throw new Error(`No dependency edge "${edgeId}"`);
  const node = topology.spec.nodes[edge.target] as ContainerNode;
  const dependsOn = (node.dependsOn ?? []).map((dep, i) => (i === edge.index ? { ...dep, condition } : dep));
  return replaceNode(topology, edge.target, { ...node, dependsOn });
}
