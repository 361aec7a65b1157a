import { useEffect, useMemo, useRef, useState } from 'react';
import { CURRENT_API_VERSION, isContainer, relationEdges } from '../../../../shared/topology';
import type { AppState } from '../../store/app-store';
import { useAppStore } from '../../store/store-context';
import { EdgeInspector } from './edge-inspector';
import { NodeInspector } from './node-inspector';
import { ProjectInspector } from './project-inspector';
import { revealField } from './reveal';
import { SelectionSummary } from './selection-summary';
import './inspector.css';

// The spec, not the whole document: moving nodes on the canvas changes only the layout and must not
// re-render the form.
const selectSpec = (s: AppState) => s.doc.spec;
const selectMetadata = (s: AppState) => s.doc.metadata;
const selectSelectedNodes = (s: AppState) => s.selectedNodes;
const selectSelectedEdges = (s: AppState) => s.selectedEdges;
const selectFieldFocus = (s: AppState) => s.fieldFocus;

/** The right-hand panel: the selected node, edge or selection, or the topology when none. */
export function Inspector() {
  const spec = useAppStore(selectSpec);
  const metadata = useAppStore(selectMetadata);
  const selectedNodes = useAppStore(selectSelectedNodes);
  const selectedEdges = useAppStore(selectSelectedEdges);
  const fieldFocus = useAppStore(selectFieldFocus);
  const rootRef = useRef<HTMLDivElement>(null);
  const handledFocus = useRef<number | null>(null);
  // A rename changes the node id; the form carries on under its first id so it keeps focus and drafts.
  const [renamed, setRenamed] = useState<{ id: string; formKey: string } | null>(null);

  // Ids left over from a document that changed under the selection (undo of an add) are ignored.
  const nodes = selectedNodes.filter((id) => Object.hasOwn(spec.nodes, id));
  const edges = useMemo(() => {
    if (selectedEdges.length === 0) return [];
    const wanted = new Set(selectedEdges);
    // Edges come from the spec alone; the layout is left out so a drag does not recompute them.
    const topology = { apiVersion: CURRENT_API_VERSION, kind: 'Topology', metadata, spec } as const;
    return relationEdges(topology).filter((e) => wanted.has(e.id));
  }, [selectedEdges, spec, metadata]);
  const single = nodes.length === 1 && edges.length === 0 ? nodes[0]! : null;
  const formKey = single !== null && renamed?.id === single ? renamed.formKey : single;

  useEffect(() => {
    if (!fieldFocus || fieldFocus.nonce === handledFocus.current) return;
    if (fieldFocus.nodeId !== single || !rootRef.current) return;
    handledFocus.current = fieldFocus.nonce;
    revealField(rootRef.current, fieldFocus.path);
  }, [fieldFocus, single]);

  let body;
  if (single !== null) {
    body = (
      <NodeInspector
        key={formKey}
        nodeId={single}
        node={spec.nodes[single]!}
        onRenamed={(_, to) => setRenamed({ id: to, formKey: formKey ?? to })}
      />
    );
  } else if (nodes.length === 0 && edges.length === 1) {
    const edge = edges[0]!;
    const target = spec.nodes[edge.target];
    body = target && isContainer(target) ? <EdgeInspector key={edge.id} edge={edge} target={target} /> : null;
  } else if (nodes.length + edges.length > 1) {
    body = <SelectionSummary nodes={nodes} edges={edges.map((e) => e.id)} />;
  } else {
    body = <ProjectInspector metadata={metadata} spec={spec} />;
  }
  return (
    <div className="insp" ref={rootRef}>
      <h2 className="panel-title">Inspector</h2>
      {body}
    </div>
  );
}
