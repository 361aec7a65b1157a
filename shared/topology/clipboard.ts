import { isContainer, type Topology, type TopologyNode } from './model';
import { rewriteReferences, uniqueNodeId, withNodes, withPositions, type Position } from './node-edits';

/* Copy, paste and duplicate of nodes, pure and immutable like the node edits. */

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
