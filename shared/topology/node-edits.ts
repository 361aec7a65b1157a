import {
  isContainer,
  sharedNetworkMode,
  sharedNetworkService,
  type ContainerNode,
  type NodeKind,
  type Topology,
  type TopologyNode,
} from './model';
import { isReservedKey } from './reserved-keys';
import { CURRENT_API_VERSION } from './version';

/*
 * Editing operations on a topology document's nodes, pure and immutable: each returns a new
 * document and leaves its input untouched (the editor keeps old documents as its undo history).
 * Nodes are referred to by id everywhere, so renaming or deleting a node rewrites every reference
 * to it. Relations (edges) are in relations.ts, copy and paste in clipboard.ts.
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
  return ID_PATTERN.test(id) && id.length <= 63 && !isReservedKey(id);
}

export function defaultNode(kind: NodeKind): TopologyNode {
  switch (kind) {
    // No image yet: validation asks for one ("has neither an image nor a build context"). A drawn
    // container gets an init process, written into the document where the user sees it: it reaps
    // zombies and ends on SIGTERM at once. A file that does not ask for one runs without it.
    case 'service':
      return { kind: 'service', init: true };
    case 'job':
      return { kind: 'job', init: true };
    case 'volume':
      return { kind: 'volume' };
    case 'network':
      return { kind: 'network' };
  }
}

export function withNodes(topology: Topology, nodes: Topology['spec']['nodes']): Topology {
  return { ...topology, spec: { ...topology.spec, nodes } };
}

export function withPositions(topology: Topology, positions: Record<string, Position | undefined>): Topology {
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
export function rewriteReferences(
  node: ContainerNode,
  map: (ref: string) => string | undefined,
): ContainerNode {
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
  if (isReservedKey(to)) throw new Error(`"${to}" is reserved in JavaScript objects; choose another id`);
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
