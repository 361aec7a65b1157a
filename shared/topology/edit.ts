import {
  isContainer,
  sharedNetworkMode,
  sharedNetworkService,
  type ContainerNode,
  type DependencyCondition,
  type NodeKind,
  type Topology,
  type TopologyNode,
} from './model';
import { dependencyGraph } from './graph';
import { CURRENT_API_VERSION } from './version';

/*
 * Editing operations on a topology document, pure and immutable: each returns a new document
 * and leaves its input untouched (the editor keeps old documents as its undo history). Nodes are
 * referred to by id everywhere, so renaming or deleting a node rewrites every reference to it.
 */

export interface Position {
  x: number;
  y: number;
}

export function newTopology(name = 'untitled'): Topology {
  return {
    apiVersion: CURRENT_API_VERSION,
    kind: 'Topology',
    metadata: { name },
    spec: { nodes: {} },
  };
}

const ID_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/;

/** `base`, else `base-2`, `base-3`, ...: the first id no node has. */
export function uniqueNodeId(
  topology: Topology,
  base: string,
  taken: ReadonlySet<string> = new Set(),
): string {
  const clean =
    base
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, '-')
      .replace(/^[^a-z0-9]+|-+$/g, '') || 'node';
  const free = (id: string) => !Object.hasOwn(topology.spec.nodes, id) && !taken.has(id);
  if (free(clean)) return clean;
  const stem = clean.replace(/-\d+$/, '');
  for (let n = 2; ; n++) if (free(`${stem}-${n}`)) return `${stem}-${n}`;
}

export function isValidNodeId(id: string): boolean {
  return ID_PATTERN.test(id) && id.length <= 63;
}

export function defaultNode(kind: NodeKind): TopologyNode {
  switch (kind) {
    // No image yet: validation asks for one ("has neither an image nor a build context").
    case 'service':
      return { kind: 'service' };
    case 'job':
      return { kind: 'job' };
    case 'volume':
      return { kind: 'volume' };
    case 'network':
      return { kind: 'network' };
  }
}

function withNodes(topology: Topology, nodes: Topology['spec']['nodes']): Topology {
  return { ...topology, spec: { ...topology.spec, nodes } };
}

function withPositions(topology: Topology, positions: Record<string, Position | undefined>): Topology {
  const current = topology.layout?.nodes ?? {};
  const next = { ...current };
  for (const [id, position] of Object.entries(positions)) {
    if (position === undefined) delete next[id];
    else next[id] = { ...current[id], x: position.x, y: position.y };
  }
  return { ...topology, layout: { ...topology.layout, nodes: next } };
}

export function addNode(
  topology: Topology,
  kind: NodeKind,
  position: Position,
  id = uniqueNodeId(topology, kind),
): { topology: Topology; id: string } {
  const nodes = { ...topology.spec.nodes, [id]: defaultNode(kind) };
  return { topology: withPositions(withNodes(topology, nodes), { [id]: position }), id };
}

export function moveNodes(topology: Topology, positions: Record<string, Position>): Topology {
  return withPositions(topology, positions);
}

export function replaceNode(topology: Topology, id: string, node: TopologyNode): Topology {
  if (!Object.hasOwn(topology.spec.nodes, id)) throw new Error(`No node "${id}"`);
  return withNodes(topology, { ...topology.spec.nodes, [id]: node });
}

/** A container node with its references to `id` rewritten by `map` (undefined = drop it). */
function rewriteReferences(node: ContainerNode, map: (ref: string) => string | undefined): ContainerNode {
  const next: ContainerNode = { ...node };
  if (node.dependsOn) {
    next.dependsOn = node.dependsOn.flatMap((dep) => {
      const to = map(dep.node);
      return to === undefined ? [] : [{ ...dep, node: to }];
    });
    if (next.dependsOn.length === 0) delete next.dependsOn;
  }
  if (node.networks) {
    next.networks = node.networks.flatMap((attachment) => {
      const to = map(attachment.network);
      return to === undefined ? [] : [{ ...attachment, network: to }];
    });
    if (next.networks.length === 0) delete next.networks;
  }
  if (node.mounts) {
    next.mounts = node.mounts.flatMap((mount) => {
      if (mount.type !== 'volume' || mount.source === undefined) return [mount];
      const to = map(mount.source);
      return to === undefined ? [] : [{ ...mount, source: to }];
    });
    if (next.mounts.length === 0) delete next.mounts;
  }
  const shared = sharedNetworkService(node.networkMode);
  if (shared !== undefined) {
    const to = map(shared);
    if (to === undefined) delete next.networkMode;
    else next.networkMode = sharedNetworkMode(to);
  }
  return next;
}

function mapContainers(
  topology: Topology,
  map: (ref: string) => string | undefined,
): Topology['spec']['nodes'] {
  const nodes: Topology['spec']['nodes'] = {};
  for (const [id, node] of Object.entries(topology.spec.nodes)) {
    nodes[id] = isContainer(node) ? rewriteReferences(node, map) : node;
  }
  return nodes;
}

/** Removes nodes, every reference to them and their layout. */
export function removeNodes(topology: Topology, ids: Iterable<string>): Topology {
  const gone = new Set(ids);
  if (gone.size === 0) return topology;
  const nodes = mapContainers(topology, (ref) => (gone.has(ref) ? undefined : ref));
  for (const id of gone) delete nodes[id];
  const positions: Record<string, undefined> = {};
  for (const id of gone) positions[id] = undefined;
  const groups = topology.layout?.groups?.map((g) => ({ ...g, nodes: g.nodes.filter((n) => !gone.has(n)) }));
  const next = withPositions(withNodes(topology, nodes), positions);
  return groups ? { ...next, layout: { ...next.layout, groups } } : next;
}

/** Renames a node and every reference to it. Throws on a taken or malformed id. */
export function renameNode(topology: Topology, from: string, to: string): Topology {
  if (from === to) return topology;
  if (!Object.hasOwn(topology.spec.nodes, from)) throw new Error(`No node "${from}"`);
  if (Object.hasOwn(topology.spec.nodes, to)) throw new Error(`A node named "${to}" already exists`);
  if (!isValidNodeId(to)) {
    throw new Error('An id is lowercase letters, digits, ".", "_" and "-", starting with a letter or digit');
  }
  const rewritten = mapContainers(topology, (ref) => (ref === from ? to : ref));
  // Keep the key order, so the node stays where it was in the file.
  const nodes: Topology['spec']['nodes'] = {};
  for (const [id, node] of Object.entries(rewritten)) nodes[id === from ? to : id] = node;
  const layoutNodes = topology.layout?.nodes;
  let next = withNodes(topology, nodes);
  if (layoutNodes && Object.hasOwn(layoutNodes, from)) {
    const { [from]: position, ...rest } = layoutNodes;
    next = { ...next, layout: { ...next.layout, nodes: position ? { ...rest, [to]: position } : rest } };
  }
  const groups = next.layout?.groups?.map((g) => ({
    ...g,
    nodes: g.nodes.map((n) => (n === from ? to : n)),
  }));
  return groups ? { ...next, layout: { ...next.layout, groups } } : next;
}

// ---- Relations: what the canvas draws as edges ----

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

// ---- Clipboard ----

/** What Copy puts on the clipboard: nodes with their positions. Serializable as JSON. */
export interface Clip {
  readonly dockwrightClip: 1;
  readonly nodes: Record<string, TopologyNode>;
  readonly positions: Record<string, Position>;
}

export function copyNodes(topology: Topology, ids: Iterable<string>): Clip {
  const nodes: Record<string, TopologyNode> = {};
  const positions: Record<string, Position> = {};
  for (const id of ids) {
    const node = topology.spec.nodes[id];
    if (!node) continue;
    nodes[id] = structuredClone(node);
    const at = topology.layout?.nodes?.[id];
    if (at) positions[id] = { x: at.x, y: at.y };
  }
  return { dockwrightClip: 1, nodes, positions };
}

export function isClip(value: unknown): value is Clip {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { dockwrightClip?: unknown }).dockwrightClip === 1 &&
    typeof (value as { nodes?: unknown }).nodes === 'object'
  );
}

/**
 * Adds the clipped nodes under fresh ids, shifted by `offset`. References among the pasted nodes
 * follow the copies; references to nodes outside the clip stay when that node still exists.
 * Fixed names (`name`, `containerName`, `dockerName`) are dropped so the copies do not clash.
 */
export function pasteNodes(
  topology: Topology,
  clip: Clip,
  offset: Position = { x: 40, y: 40 },
): { topology: Topology; ids: string[] } {
  const rename = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of Object.keys(clip.nodes)) {
    const fresh = uniqueNodeId(topology, id, taken);
    taken.add(fresh);
    rename.set(id, fresh);
  }
  const nodes = { ...topology.spec.nodes };
  const positions: Record<string, Position> = {};
  for (const [id, original] of Object.entries(clip.nodes)) {
    const fresh = rename.get(id)!;
    const copy: TopologyNode = { ...structuredClone(original) };
    delete copy.name;
    if (isContainer(copy)) delete copy.containerName;
    if (copy.kind === 'volume' || copy.kind === 'network') delete copy.dockerName;
    nodes[fresh] = isContainer(copy)
      ? rewriteReferences(
          copy,
          (ref) => rename.get(ref) ?? (Object.hasOwn(topology.spec.nodes, ref) ? ref : undefined),
        )
      : copy;
    const at = clip.positions[id] ?? { x: 0, y: 0 };
    positions[fresh] = { x: at.x + offset.x, y: at.y + offset.y };
  }
  return { topology: withPositions(withNodes(topology, nodes), positions), ids: [...rename.values()] };
}

export function duplicateNodes(
  topology: Topology,
  ids: Iterable<string>,
  offset?: Position,
): { topology: Topology; ids: string[] } {
  return pasteNodes(topology, copyNodes(topology, ids), offset);
}
