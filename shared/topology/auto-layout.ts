import dagre from '@dagrejs/dagre';
import type { Position } from './node-edits';
import { relationEdges } from './relations';
import type { Topology } from './model';

/** The size the canvas draws a node at; the layout keeps this much room around each. */
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 96;

export interface AutoLayoutOptions {
  /** Lay out only these nodes (edges among them); the others keep their place. */
  only?: Iterable<string>;
  direction?: 'LR' | 'TB';
}

/**
 * Positions for a layered left-to-right drawing (dagre): what is needed first (networks,
 * volumes, dependencies) on the left. With `only`, the laid-out group keeps its top-left corner,
 * so laying out a selection tidies it in place.
 */
export function autoLayout(topology: Topology, options: AutoLayoutOptions = {}): Record<string, Position> {
  const all = Object.keys(topology.spec.nodes);
  const subset = options.only ? new Set(options.only) : new Set(all);
  const ids = all.filter((id) => subset.has(id));
  if (ids.length === 0) return {};
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: options.direction ?? 'LR', nodesep: 32, ranksep: 96, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) graph.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of relationEdges(topology)) {
    if (subset.has(edge.source) && subset.has(edge.target)) graph.setEdge(edge.source, edge.target);
  }
  dagre.layout(graph);

  const out: Record<string, Position> = {};
  for (const id of ids) {
    const { x, y } = graph.node(id) as { x: number; y: number };
    // dagre gives centres; the canvas positions a node by its top-left corner.
    out[id] = { x: Math.round(x - NODE_WIDTH / 2), y: Math.round(y - NODE_HEIGHT / 2) };
  }
  if (options.only) {
    const before = ids.map((id) => topology.layout?.nodes?.[id]).filter((p) => p !== undefined);
    if (before.length > 0) {
      const anchor = { x: Math.min(...before.map((p) => p.x)), y: Math.min(...before.map((p) => p.y)) };
      const placed = Object.values(out);
      const origin = { x: Math.min(...placed.map((p) => p.x)), y: Math.min(...placed.map((p) => p.y)) };
      for (const p of placed) {
        p.x += anchor.x - origin.x;
        p.y += anchor.y - origin.y;
      }
    }
  }
  return out;
}

/** Nodes that have no position yet (e.g. written by hand or imported). */
export function unplacedNodes(topology: Topology): string[] {
  return Object.keys(topology.spec.nodes).filter((id) => topology.layout?.nodes?.[id] === undefined);
}
