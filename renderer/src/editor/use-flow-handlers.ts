import {
  useReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnConnectEnd,
  type OnDelete,
} from '@xyflow/react';
import { useMemo, type DragEvent, type RefObject } from 'react';
import { checkConnection, type Position } from '../../../shared/topology';
import type { AppStore } from '../store/app-store';
import { useAppStoreApi } from '../store/store-context';
import type { Refusal } from './connection-refusal';
import { addNodeCentredOn, connectNodes, deleteElements, moveNodesTo } from './editor-actions';
import type { RelationFlowEdge, TopologyFlowNode } from './flow-mapping';
import { isKindDrag, kindFromDrag } from './palette-drag';

/** Applies a batch of select changes to a current selection. */
export function applySelectChanges(
  current: readonly string[],
  changes: readonly (NodeChange<TopologyFlowNode> | EdgeChange<RelationFlowEdge>)[],
): readonly string[] | null {
  let next: string[] | null = null;
  for (const change of changes) {
    if (change.type !== 'select') continue;
    next ??= [...current];
    const at = next.indexOf(change.id);
    if (change.selected && at === -1) next.push(change.id);
    if (!change.selected && at !== -1) next.splice(at, 1);
  }
  return next;
}

function pointerOf(event: MouseEvent | TouchEvent): Position | null {
  if ('changedTouches' in event) {
    const touch = event.changedTouches[0];
    return touch ? { x: touch.clientX, y: touch.clientY } : null;
  }
  return { x: event.clientX, y: event.clientY };
}

/** The node drawn under a screen point, if any. */
function nodeAt(point: Position): string | null {
  const element = document.elementFromPoint(point.x, point.y);
  return element?.closest('.react-flow__node')?.getAttribute('data-id') ?? null;
}

/**
 * React Flow's callbacks, turned into store edits. The flow is controlled: nothing here keeps
 * nodes or edges; every change goes to the document or the selection and comes back derived.
 */
export function useFlowHandlers(section: RefObject<HTMLElement | null>, refuse: (refusal: Refusal) => void) {
  const store: AppStore = useAppStoreApi();
  const { screenToFlowPosition } = useReactFlow();
  return useMemo(() => {
    const refuseAt = (point: Position, reason: string) => {
      const box = section.current?.getBoundingClientRect();
      refuse({ x: point.x - (box?.left ?? 0), y: point.y - (box?.top ?? 0), reason });
    };

    const onNodesChange = (changes: NodeChange<TopologyFlowNode>[]) => {
      const positions: Record<string, Position> = {};
      let moved = false;
      let ended = false;
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          positions[change.id] = change.position;
          moved = true;
          if (change.dragging === false) ended = true;
        }
        // 'remove' comes with onDelete, which removes nodes and their edges as one step. No
        // 'dimensions': nodes come with their size (card-geometry.ts), React Flow measures none.
      }
      if (moved) moveNodesTo(store, positions, ended);
      const state = store.getState();
      const selected = applySelectChanges(state.selectedNodes, changes);
      if (selected) state.select(selected, state.selectedEdges);
    };

    const onEdgesChange = (changes: EdgeChange<RelationFlowEdge>[]) => {
      const state = store.getState();
      const selected = applySelectChanges(state.selectedEdges, changes);
      if (selected) state.select(state.selectedNodes, selected);
    };

    const onDelete: OnDelete<TopologyFlowNode, RelationFlowEdge> = ({ nodes, edges }) => {
      deleteElements(
        store,
        nodes.map((n) => n.id),
        edges.map((e) => e.id),
      );
    };

    const isValidConnection: IsValidConnection<RelationFlowEdge> = (connection) =>
      checkConnection(store.getState().doc, connection.source, connection.target).ok;

    const onConnect = (connection: Connection) => {
      connectNodes(store, connection.source, connection.target);
    };

    // Let go anywhere on a node, not only on its handle; a refused connection says why, there.
    const onConnectEnd: OnConnectEnd = (event, connection) => {
      if (connection.isValid) return; // onConnect made it
      const from = connection.fromNode?.id;
      const point = pointerOf(event);
      if (!from || !point) return;
      const other = connection.toNode?.id ?? nodeAt(point);
      if (!other || other === from) return;
      const upstream = connection.fromHandle?.type !== 'target';
      const check = connectNodes(store, upstream ? from : other, upstream ? other : from);
      if (!check.ok) refuseAt(point, check.reason);
    };

    const onDragOver = (event: DragEvent) => {
      if (!isKindDrag(event.dataTransfer)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    };

    const onDrop = (event: DragEvent) => {
      const kind = kindFromDrag(event.dataTransfer);
      if (!kind) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY }, { snapToGrid: false });
      addNodeCentredOn(store, kind, at);
    };

    return {
      onNodesChange,
      onEdgesChange,
      onDelete,
      isValidConnection,
      onConnect,
      onConnectEnd,
      onDragOver,
      onDrop,
    };
  }, [store, section, refuse, screenToFlowPosition]);
}
