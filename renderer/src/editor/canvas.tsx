import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  SelectionMode,
  useReactFlow,
  useStore,
  type EdgeTypes,
  type NodeTypes,
  type ReactFlowState,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppState } from '../store/app-store';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { registerCanvas } from './canvas-bridge';
import { RefusalTooltip, useRefusal } from './connection-refusal';
import { EditorToolbar } from './editor-toolbar';
import { createFlowMapper, GRID, type FlowInputs, type TopologyFlowNode } from './flow-mapping';
import { KIND_LOOK } from './node-look';
import { RelationEdge } from './relation-edge';
import { TopologyNode } from './topology-node';
import { useFlowHandlers } from './use-flow-handlers';
import { NodeContextMenu, type NodeMenuAt } from '../run/node-context-menu';
import './editor.css';

// Module scope: React Flow re-renders everything when these identities change.
const nodeTypes: NodeTypes = { topology: TopologyNode };
const edgeTypes: EdgeTypes = { relation: RelationEdge };
const PRO_OPTIONS = { hideAttribution: false };
const SNAP_GRID: [number, number] = [GRID, GRID];
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
// Drag on the empty canvas draws a selection box; the middle or right button (or Space) pans.
const PAN_BUTTONS = [1, 2];
/** Below this zoom the cards are drawn without detail (see `.canvas--far`). */
const FAR_ZOOM = 0.4;
const REVEAL = { duration: 250, maxZoom: 1, padding: 0.4 };
const FIT_LOADED = { maxZoom: 1, padding: 0.15 };

const selectFlowInputs = (s: AppState): FlowInputs => ({
  doc: s.doc,
  selectedNodes: s.selectedNodes,
  selectedEdges: s.selectedEdges,
  problems: s.problems,
});
const selectRevealNonce = (s: AppState) => s.revealNonce;
const selectFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;
const minimapColor = (node: TopologyFlowNode) => KIND_LOOK[node.data.node.kind].color;

/** The topology canvas. Brings its own React Flow provider. */
export function Canvas() {
  return (
    <ReactFlowProvider>
      <CanvasFlow />
    </ReactFlowProvider>
  );
}

function CanvasFlow() {
  const store = useAppStoreApi();
  const inputs = useAppStore(useShallow(selectFlowInputs));
  const [mapper] = useState(createFlowMapper);
  // Fit what is there when the canvas opens; an empty canvas keeps zoom 1, so the first node
  // added does not zoom the view in on itself.
  const [fitAtStart] = useState(() => Object.keys(store.getState().doc.spec.nodes).length > 0);
  const graph = useMemo(() => mapper.map(inputs), [mapper, inputs]);
  const flow = useReactFlow();
  const section = useRef<HTMLElement>(null);
  const { refusal, show, onPointerMove } = useRefusal();
  const handlers = useFlowHandlers(section, show);
  const [menu, setMenu] = useState<NodeMenuAt | null>(null);

  useEffect(
    () =>
      registerCanvas(store, {
        viewportCentre() {
          const box = section.current?.getBoundingClientRect();
          return flow.screenToFlowPosition(
            { x: (box?.left ?? 0) + (box?.width ?? 0) / 2, y: (box?.top ?? 0) + (box?.height ?? 0) / 2 },
            { snapToGrid: false },
          );
        },
        positionOf: (id) => mapper.positionOf(store.getState().doc, id),
        zoomIn: () => void flow.zoomIn({ duration: 150 }),
        zoomOut: () => void flow.zoomOut({ duration: 150 }),
        fitView: () => void flow.fitView({ ...FIT_LOADED, duration: 200 }),
      }),
    [store, flow, mapper],
  );

  // A document opened or imported (a fresh history): show all of it.
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.doc !== previous.doc && state.past.length === 0 && state.future.length === 0) {
          void flow.fitView(FIT_LOADED);
        }
      }),
    [store, flow],
  );

  // A problem clicked (or anything else asking to reveal): centre on the selected nodes.
  const revealNonce = useAppStore(selectRevealNonce);
  const revealed = useRef(revealNonce);
  useEffect(() => {
    if (revealed.current === revealNonce) return;
    revealed.current = revealNonce;
    const nodes = store.getState().selectedNodes.map((id) => ({ id }));
    if (nodes.length > 0) void flow.fitView({ ...REVEAL, nodes });
  }, [revealNonce, store, flow]);

  const far = useStore(selectFar);
  const empty = graph.nodes.length === 0;
  return (
    <section
      className={far ? 'canvas canvas--far' : 'canvas'}
      aria-label="Topology canvas"
      ref={section}
      onPointerMove={onPointerMove}
    >
      <ReactFlow
        nodes={graph.nodes}
        edges={graph.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        {...handlers}
        fitView={fitAtStart}
        fitViewOptions={FIT_LOADED}
        proOptions={PRO_OPTIONS}
        colorMode="dark"
        snapToGrid
        snapGrid={SNAP_GRID}
        deleteKeyCode={DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionOnDrag
        panOnDrag={PAN_BUTTONS}
        panOnScroll
        selectionMode={SelectionMode.Partial}
        connectionRadius={28}
        minZoom={0.1}
        maxZoom={2}
        onNodeContextMenu={(event, node) => {
          event.preventDefault();
          const box = section.current?.getBoundingClientRect();
          setMenu({
            nodeId: node.id,
            x: event.clientX - (box?.left ?? 0),
            y: event.clientY - (box?.top ?? 0),
          });
        }}
      >
        {/* Zoomed far out the dots would be a pixel apart: noise to look at, and the costliest
            thing to paint while panning (hundreds of thousands of dots per frame). */}
        {!far && <Background variant={BackgroundVariant.Dots} gap={GRID} size={1} />}
        <EditorToolbar />
        <Controls showFitView={false} showInteractive={false} />
        {!empty && (
          <MiniMap<TopologyFlowNode>
            nodeColor={minimapColor}
            nodeStrokeWidth={0}
            pannable
            zoomable
            ariaLabel="Minimap"
          />
        )}
      </ReactFlow>
      {empty && (
        <p className="canvas__hint">Drag a Service, Job, Volume or Network here to start a topology.</p>
      )}
      <RefusalTooltip refusal={refusal} />
      {menu && <NodeContextMenu at={menu} onClose={() => setMenu(null)} />}
    </section>
  );
}
