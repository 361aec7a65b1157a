import { Background, BackgroundVariant, Controls, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

// Module scope: React Flow re-renders everything when these identities change.
const NO_NODES: Node[] = [];
const NO_EDGES: Edge[] = [];
const PRO_OPTIONS = { hideAttribution: false };

export function Canvas() {
  return (
    <section className="canvas" aria-label="Topology canvas">
      <ReactFlow
        nodes={NO_NODES}
        edges={NO_EDGES}
        fitView
        proOptions={PRO_OPTIONS}
        colorMode="dark"
        snapToGrid
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1} />
        <Controls />
      </ReactFlow>
      <p className="canvas__hint">Drag a Service, Job, Volume or Network here to start a topology.</p>
    </section>
  );
}
