import { MarkerType, type Edge, type Node } from '@xyflow/react';
import {
  autoLayout,
  NODE_HEIGHT,
  relationEdges,
  type DependencyCondition,
  type Position,
  type Problem,
  type Relation,
  type RelationEdge,
  type Topology,
  type TopologyNode,
} from '../../../shared/topology';
import { CARD_HANDLES, CARD_HEIGHT, CARD_WIDTH } from './card-geometry';
import { edgeColor, KIND_LOOK } from './node-look';

/*
 * The canvas draws what the store holds: React Flow's nodes and edges are derived from the
 * document, the selection and the problems, never kept on their own. React Flow compares node and
 * edge objects by identity, so the mapper hands back the very same object for anything whose
 * inputs did not change (and the same arrays when nothing changed at all): dragging one node of a
 * thousand rebuilds one node object. The run's node states are not among the inputs: each card
 * reads its own (see `useNodeRunState`), so a run event re-renders that card and leaves React
 * Flow's nodes alone. Every node carries its size and handles (card-geometry.ts), so React Flow
 * never has to measure one.
 */

export const GRID = 16;
const ERROR_COLOR = '#f85149';

export interface NodeIssues {
  readonly errors: number;
  readonly warnings: number;
  readonly messages: readonly string[];
}

export interface TopologyNodeData extends Record<string, unknown> {
  readonly node: TopologyNode;
  readonly issues: NodeIssues | undefined;
}
export type TopologyFlowNode = Node<TopologyNodeData, 'topology'>;

export interface RelationEdgeData extends Record<string, unknown> {
  readonly relation: Relation;
  readonly condition: DependencyCondition | undefined;
  readonly problem: 'error' | 'warning' | undefined;
  readonly color: string;
}
export type RelationFlowEdge = Edge<RelationEdgeData, 'relation'>;

export interface FlowInputs {
  readonly doc: Topology;
  readonly selectedNodes: readonly string[];
  readonly selectedEdges: readonly string[];
  readonly problems: readonly Problem[];
}

export interface FlowGraph {
  readonly nodes: TopologyFlowNode[];
  readonly edges: RelationFlowEdge[];
}

export interface FlowMapper {
  map(inputs: FlowInputs): FlowGraph;
  /** Where a node is drawn (its place in the document, or the place the canvas gave it). */
  positionOf(doc: Topology, id: string): Position | undefined;
}

export const snap = (value: number) => Math.round(value / GRID) * GRID;

export function nodeAriaLabel(id: string, node: TopologyNode): string {
  return `${KIND_LOOK[node.kind].word} ${id}`;
}

export function edgeAriaLabel(
  edge: Pick<RelationEdge, 'relation' | 'source' | 'target' | 'condition'>,
): string {
  switch (edge.relation) {
    case 'dependency':
      return `${edge.target} depends on ${edge.source} (${edge.condition ?? 'started'})`;
    case 'network':
      return `${edge.target} joins network ${edge.source}`;
    case 'mount':
      return `${edge.target} mounts volume ${edge.source}`;
    case 'shared-network':
      return `${edge.target} shares the network stack of ${edge.source}`;
  }
}

interface Issues {
  byNode: Map<string, NodeIssues>;
  /** `<target>|<field>|<index>` of relations a problem points at, with the worst severity. */
  byField: Map<string, 'error' | 'warning'>;
  /** `<source>-><target>` of dependencies inside a reported cycle. */
  byPair: Map<string, 'error' | 'warning'>;
}

const RELATION_FIELD: Record<Relation, string> = {
  dependency: 'dependsOn',
  network: 'networks',
  mount: 'mounts',
  'shared-network': 'networkMode',
};

function worst(a: 'error' | 'warning' | undefined, b: 'error' | 'warning'): 'error' | 'warning' {
  return a === 'error' || b === 'error' ? 'error' : 'warning';
}

export function collectIssues(problems: readonly Problem[]): Issues {
  const counts = new Map<string, { errors: number; warnings: number; messages: string[] }>();
  const byField = new Map<string, 'error' | 'warning'>();
  const byPair = new Map<string, 'error' | 'warning'>();
  for (const p of problems) {
    const severity = p.severity;
    if (severity === 'info') continue;
    if (p.nodeId !== undefined) {
      const entry = counts.get(p.nodeId) ?? { errors: 0, warnings: 0, messages: [] };
      if (severity === 'error') entry.errors++;
      else entry.warnings++;
      entry.messages.push(p.message);
      counts.set(p.nodeId, entry);
    }
    const [spec, nodes, target, field, index] = p.path;
    if (spec === 'spec' && nodes === 'nodes' && typeof target === 'string' && typeof field === 'string') {
      const key = `${target}|${field}|${typeof index === 'number' ? index : 0}`;
      byField.set(key, worst(byField.get(key), severity));
    }
    if (p.code === 'DEPENDENCY_CYCLE' && p.related && p.related.length > 1) {
      p.related.forEach((waiting, i) => {
        const needed = p.related![(i + 1) % p.related!.length]!;
        const key = `${needed}->${waiting}`;
        byPair.set(key, worst(byPair.get(key), severity));
      });
    }
  }
  return { byNode: counts, byField, byPair };
}

function sameIssues(a: NodeIssues | undefined, b: NodeIssues | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.errors === b.errors &&
    a.warnings === b.warnings &&
    a.messages.length === b.messages.length &&
    a.messages.every((m, i) => m === b.messages[i])
  );
}

interface NodeEntry {
  node: TopologyNode;
  x: number;
  y: number;
  selected: boolean;
  issues: NodeIssues | undefined;
  value: TopologyFlowNode;
}

interface EdgeEntry {
  relation: Relation;
  source: string;
  target: string;
  condition: DependencyCondition | undefined;
  selected: boolean;
  problem: 'error' | 'warning' | undefined;
  value: RelationFlowEdge;
}

export function createFlowMapper(): FlowMapper {
  const nodeCache = new Map<string, NodeEntry>();
  const edgeCache = new Map<string, EdgeEntry>();
  // Places the canvas gave to nodes the document does not place (hand-written or imported files).
  // Kept per id so such a node does not jump when the rest of the document changes.
  const fallback = new Map<string, Position>();
  let lastNodes: TopologyFlowNode[] = [];
  let lastEdges: RelationFlowEdge[] = [];
  let relations: { nodes: Topology['spec']['nodes']; edges: RelationEdge[] } | null = null;
  let issues: { problems: readonly Problem[]; value: Issues } | null = null;
  let selection: {
    nodes: readonly string[];
    edges: readonly string[];
    n: Set<string>;
    e: Set<string>;
  } | null = null;

  function placeUnplaced(doc: Topology): void {
    const layout = doc.layout?.nodes ?? {};
    const missing = Object.keys(doc.spec.nodes).filter((id) => !layout[id] && !fallback.has(id));
    if (missing.length === 0) return;
    const laid = autoLayout(doc, { only: missing });
    const known = [...Object.values(layout), ...fallback.values()];
    // Below everything already drawn, so new arrivals never cover a node.
    const top = known.length > 0 ? Math.max(...known.map((p) => p.y)) + NODE_HEIGHT + 4 * GRID : 0;
    const left = known.length > 0 ? Math.min(...known.map((p) => p.x)) : 0;
    const placed = Object.values(laid);
    const originX = Math.min(...placed.map((p) => p.x));
    const originY = Math.min(...placed.map((p) => p.y));
    for (const [id, p] of Object.entries(laid)) {
      fallback.set(id, { x: snap(left + p.x - originX), y: snap(top + p.y - originY) });
    }
  }

  function positionOf(doc: Topology, id: string): Position | undefined {
    return doc.layout?.nodes?.[id] ?? fallback.get(id);
  }

  function issuesOf(problems: readonly Problem[]): Issues {
    if (issues?.problems !== problems) issues = { problems, value: collectIssues(problems) };
    return issues.value;
  }

  function selectionOf(inputs: FlowInputs) {
    if (selection?.nodes !== inputs.selectedNodes || selection.edges !== inputs.selectedEdges) {
      selection = {
        nodes: inputs.selectedNodes,
        edges: inputs.selectedEdges,
        n: new Set(inputs.selectedNodes),
        e: new Set(inputs.selectedEdges),
      };
    }
    return selection;
  }

  function mapNodes(inputs: FlowInputs): TopologyFlowNode[] {
    const { doc } = inputs;
    placeUnplaced(doc);
    const selected = selectionOf(inputs).n;
    const byNode = issuesOf(inputs.problems).byNode;
    const out: TopologyFlowNode[] = [];
    let same = lastNodes.length === Object.keys(doc.spec.nodes).length;
    const seen = new Set<string>();
    for (const [id, node] of Object.entries(doc.spec.nodes)) {
      seen.add(id);
      const at = positionOf(doc, id) ?? { x: 0, y: 0 };
      const isSelected = selected.has(id);
      const found = byNode.get(id);
      const entry = nodeCache.get(id);
      const nodeIssues = entry && sameIssues(entry.issues, found) ? entry.issues : found;
      let value: TopologyFlowNode;
      if (
        entry &&
        entry.node === node &&
        entry.x === at.x &&
        entry.y === at.y &&
        entry.selected === isSelected &&
        entry.issues === nodeIssues
      ) {
        value = entry.value;
      } else {
        const data =
          entry && entry.node === node && entry.issues === nodeIssues
            ? entry.value.data
            : { node, issues: nodeIssues };
        value = {
          id,
          type: 'topology',
          position: { x: at.x, y: at.y },
          data,
          selected: isSelected,
          ariaLabel: nodeAriaLabel(id, node),
          width: CARD_WIDTH,
          height: CARD_HEIGHT,
          measured: { width: CARD_WIDTH, height: CARD_HEIGHT },
          handles: CARD_HANDLES,
        };
        nodeCache.set(id, { node, x: at.x, y: at.y, selected: isSelected, issues: nodeIssues, value });
      }
      if (value !== lastNodes[out.length]) same = false;
      out.push(value);
    }
    for (const id of nodeCache.keys()) if (!seen.has(id)) nodeCache.delete(id);
    if (same) return lastNodes;
    lastNodes = out;
    return out;
  }

  function relationsOf(doc: Topology): RelationEdge[] {
    // A move changes the layout only: the relations (and the edge objects) stay as they were.
    if (relations?.nodes !== doc.spec.nodes) relations = { nodes: doc.spec.nodes, edges: relationEdges(doc) };
    return relations.edges;
  }

  function mapEdges(inputs: FlowInputs): RelationFlowEdge[] {
    const all = relationsOf(inputs.doc);
    const selected = selectionOf(inputs).e;
    const { byField, byPair } = issuesOf(inputs.problems);
    const out: RelationFlowEdge[] = [];
    let same = lastEdges.length === all.length;
    const seen = new Set<string>();
    for (const edge of all) {
      seen.add(edge.id);
      const isSelected = selected.has(edge.id);
      const fieldKey = `${edge.target}|${RELATION_FIELD[edge.relation]}|${edge.index ?? 0}`;
      const pair = edge.relation === 'dependency' ? byPair.get(`${edge.source}->${edge.target}`) : undefined;
      const field = byField.get(fieldKey);
      const problem = field && pair ? worst(field, pair) : (field ?? pair);
      const entry = edgeCache.get(edge.id);
      let value: RelationFlowEdge;
      if (
        entry &&
        entry.relation === edge.relation &&
        entry.source === edge.source &&
        entry.target === edge.target &&
        entry.condition === edge.condition &&
        entry.selected === isSelected &&
        entry.problem === problem
      ) {
        value = entry.value;
      } else {
        const color = edgeColor(edge.relation, edge.condition);
        const classes = ['dw-edge', `dw-edge--${edge.relation}`];
        if (edge.condition) classes.push(`dw-edge--${edge.condition}`);
        if (problem) classes.push(`dw-edge--${problem}`);
        value = {
          id: edge.id,
          type: 'relation',
          source: edge.source,
          target: edge.target,
          selected: isSelected,
          className: classes.join(' '),
          ariaLabel: edgeAriaLabel(edge),
          // Dependencies (with their clickable condition label) over networks and mounts.
          zIndex: edge.relation === 'dependency' ? 1 : 0,
          markerEnd: {
            type: MarkerType.ArrowClosed,
            color: problem === 'error' ? ERROR_COLOR : color,
            width: 14,
            height: 14,
          },
          data: { relation: edge.relation, condition: edge.condition, problem, color },
        };
        edgeCache.set(edge.id, {
          relation: edge.relation,
          source: edge.source,
          target: edge.target,
          condition: edge.condition,
          selected: isSelected,
          problem,
          value,
        });
      }
      if (value !== lastEdges[out.length]) same = false;
      out.push(value);
    }
    for (const id of edgeCache.keys()) if (!seen.has(id)) edgeCache.delete(id);
    if (same) return lastEdges;
    lastEdges = out;
    return out;
  }

  return {
    map: (inputs) => ({ nodes: mapNodes(inputs), edges: mapEdges(inputs) }),
    positionOf,
  };
}
