import {
  addNode,
  autoLayout,
  checkConnection,
  connect,
  copyNodes,
  disconnect,
  moveNodes,
  NODE_HEIGHT,
  NODE_WIDTH,
  pasteNodes,
  relationEdges,
  removeNodes,
  type ConnectionCheck,
  type NodeKind,
  type Position,
  type Topology,
} from '../../../shared/topology';
import { GESTURE_PREFIX } from '../store/document-slice';
import type { AppStore } from '../store/app-store';
import { canvasHandle } from './canvas-bridge';
import type { EditorClipboard } from './clipboard';
import { GRID, snap } from './flow-mapping';

/*
 * The editor's commands, shared by the canvas, the palette, the toolbar and the shortcuts. Each
 * document change is one `edit`, so one undo step.
 */

const CASCADE = 2 * GRID;
const DUPLICATE_OFFSET = { x: CASCADE, y: CASCADE };

/** Adds a node with its top-left corner at `position` (snapped to the grid) and selects it. */
export function addNodeAt(store: AppStore, kind: NodeKind, position: Position): string {
  let id = '';
  store.getState().edit((doc) => {
    const added = addNode(doc, kind, { x: snap(position.x), y: snap(position.y) });
    id = added.id;
    return added.topology;
  });
  store.getState().select([id]);
  return id;
}

/** Adds a node centred on `point` (a drop), snapped to the grid. */
export function addNodeCentredOn(store: AppStore, kind: NodeKind, point: Position): string {
  return addNodeAt(store, kind, { x: point.x - NODE_WIDTH / 2, y: point.y - NODE_HEIGHT / 2 });
}

/** `start`, or a step down and right of it while a node already sits there (a cascade). */
export function freeSpot(doc: Topology, start: Position, extra: Iterable<Position> = []): Position {
  const taken = [...Object.values(doc.layout?.nodes ?? {}), ...extra];
  let at = { x: snap(start.x), y: snap(start.y) };
  for (let i = 0; i < 100; i++) {
    const here = at;
    if (!taken.some((p) => Math.abs(p.x - here.x) < CASCADE && Math.abs(p.y - here.y) < CASCADE)) break;
    at = { x: at.x + CASCADE, y: at.y + CASCADE };
  }
  return at;
}

/** The keyboard way to add a node: in the middle of what the canvas shows, clear of other nodes. */
export function addNodeInView(store: AppStore, kind: NodeKind): string {
  const canvas = canvasHandle(store);
  const { doc } = store.getState();
  const centre = canvas?.viewportCentre() ?? { x: NODE_WIDTH / 2, y: NODE_HEIGHT / 2 };
  const drawn = canvas
    ? Object.keys(doc.spec.nodes).flatMap((id) => canvas.positionOf(id) ?? [])
    : Object.values(doc.layout?.nodes ?? {});
  const at = freeSpot(doc, { x: centre.x - NODE_WIDTH / 2, y: centre.y - NODE_HEIGHT / 2 }, drawn);
  return addNodeAt(store, kind, at);
}

/** Counts finished drags, so each drag gesture is its own undo step however long it takes. */
let dragGesture = 0;

export function moveNodesTo(store: AppStore, positions: Record<string, Position>, ended = true): void {
  const placed = store.getState().doc.layout?.nodes ?? {};
  const ids = Object.keys(positions);
  // A drag ends with the position it already has: no edit, so no empty undo step.
  const still = ids.every((id) => placed[id]?.x === positions[id]!.x && placed[id]?.y === positions[id]!.y);
  if (!still) {
    // One drag is many position changes: one undo step for the whole gesture.
    const key = `${GESTURE_PREFIX}move:${dragGesture}:${ids.sort().join(',')}`;
    store.getState().edit((doc) => moveNodes(doc, positions), { coalesce: key });
  }
  if (ended) dragGesture++;
}

/** Removes nodes and edges together: one undo step, then nothing is selected. */
export function deleteElements(
  store: AppStore,
  nodeIds: readonly string[],
  edgeIds: readonly string[],
): void {
  if (nodeIds.length === 0 && edgeIds.length === 0) return;
  store.getState().edit((doc) => removeNodes(disconnect(doc, edgeIds), nodeIds));
  const { selectedNodes, selectedEdges } = store.getState();
  const goneNodes = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  store.getState().select(
    selectedNodes.filter((id) => !goneNodes.has(id)),
    selectedEdges.filter((id) => !goneEdges.has(id)),
  );
}

/**
 * Makes `target` need `source` when the model allows it, and says why not otherwise. A new
 * dependency becomes the selection, so its condition can be changed in the inspector at once.
 */
export function connectNodes(store: AppStore, source: string, target: string): ConnectionCheck {
  const check = checkConnection(store.getState().doc, source, target);
  if (!check.ok) return check;
  store.getState().edit((doc) => connect(doc, source, target));
  if (check.relation === 'dependency') {
    const edge = relationEdges(store.getState().doc)
      .filter((e) => e.relation === 'dependency' && e.source === source && e.target === target)
      .at(-1);
    if (edge) store.getState().select([], [edge.id]);
  }
  return check;
}

/** Positions for a clip: the document's, else where the canvas draws the node. */
function withDrawnPositions(store: AppStore, ids: readonly string[]) {
  const clip = copyNodes(store.getState().doc, ids);
  const canvas = canvasHandle(store);
  const positions = { ...clip.positions };
  for (const id of Object.keys(clip.nodes)) {
    const drawn = positions[id] ?? canvas?.positionOf(id);
    if (drawn) positions[id] = { x: drawn.x, y: drawn.y };
  }
  return { ...clip, positions };
}

export function copySelection(store: AppStore, clipboard: EditorClipboard): boolean {
  const { selectedNodes } = store.getState();
  if (selectedNodes.length === 0) return false;
  clipboard.set(withDrawnPositions(store, selectedNodes));
  return true;
}

export function pasteClip(store: AppStore, clipboard: EditorClipboard): string[] {
  const clip = clipboard.clip;
  if (!clip || Object.keys(clip.nodes).length === 0) return [];
  const offset = clipboard.nextOffset();
  let ids: string[] = [];
  store.getState().edit((doc) => {
    const pasted = pasteNodes(doc, clip, offset);
    ids = pasted.ids;
    return pasted.topology;
  });
  store.getState().select(ids);
  return ids;
}

export function duplicateSelection(store: AppStore): string[] {
  const { selectedNodes } = store.getState();
  if (selectedNodes.length === 0) return [];
  const clip = withDrawnPositions(store, selectedNodes);
  let ids: string[] = [];
  store.getState().edit((doc) => {
    const pasted = pasteNodes(doc, clip, DUPLICATE_OFFSET);
    ids = pasted.ids;
    return pasted.topology;
  });
  store.getState().select(ids);
  return ids;
}

export function selectAllNodes(store: AppStore): void {
  store.getState().select(Object.keys(store.getState().doc.spec.nodes));
}

/** Lays out the selection when two or more nodes are selected, else the whole graph: one step. */
export function layOut(store: AppStore): 'selection' | 'all' {
  const { selectedNodes } = store.getState();
  const only = selectedNodes.length >= 2 ? selectedNodes : undefined;
  store.getState().edit((doc) => {
    const laid = autoLayout(doc, only ? { only } : {});
    const snapped: Record<string, Position> = {};
    for (const [id, p] of Object.entries(laid)) snapped[id] = { x: snap(p.x), y: snap(p.y) };
    return moveNodes(doc, snapped);
  });
  return only ? 'selection' : 'all';
}
