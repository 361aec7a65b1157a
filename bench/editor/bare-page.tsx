// The baseline: React Flow's own default nodes and edges for the same graph, nothing else.
import {
  Background,
  ReactFlow,
  applyNodeChanges,
  type Edge,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { bareGraph, bigTopology } from './big-topology';
import { markReady } from './page-probe';

const graph = bareGraph(bigTopology());
const FIT = { maxZoom: 1, padding: 0.15 };

function Bare() {
  const [nodes, setNodes] = useState<Node[]>(graph.nodes);
  const [edges] = useState<Edge[]>(graph.edges);
  const onNodesChange = useCallback(
    (changes: NodeChange[]) => setNodes((ns) => applyNodeChanges(changes, ns)),
    [],
  );
  return (
    <div style={{ width: '100vw', height: '100vh' }}>
      {/* Same framing as the editor, which fits a loaded document into view. */}
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        colorMode="dark"
        snapToGrid
        fitView
        fitViewOptions={FIT}
        minZoom={0.1}
        maxZoom={2}
      >
        <Background />
      </ReactFlow>
    </div>
  );
}

markReady(graph.nodes.length, graph.edges.length);
createRoot(document.getElementById('root')!).render(<Bare />);
