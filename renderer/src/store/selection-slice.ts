import type { StateCreator } from 'zustand';
import type { PathSegment } from '../../../shared/topology';

/** A request to show a field: set by clicking a problem, consumed by the inspector. */
export interface FieldFocus {
  nodeId: string;
  /** Path inside the node, e.g. `['ports', 0, 'published']`. */
  path: readonly PathSegment[];
  /** Changes on every request, so asking twice for the same field focuses it again. */
  nonce: number;
}

export type BottomPanel = 'problems' | 'logs' | 'traces' | 'metrics' | 'health' | 'history';

export interface SelectionSlice {
  selectedNodes: readonly string[];
  selectedEdges: readonly string[];
  fieldFocus: FieldFocus | null;
  /** Bumped to ask the canvas to centre on the selection. */
  revealNonce: number;
  bottomPanel: BottomPanel;
  select: (nodes: readonly string[], edges?: readonly string[]) => void;
  /** Selects a node, scrolls it into view and asks the inspector to focus a field. */
  reveal: (nodeId: string, path?: readonly PathSegment[]) => void;
  setBottomPanel: (panel: BottomPanel) => void;
}

const NONE: readonly string[] = [];

export const createSelectionSlice: StateCreator<SelectionSlice, [], [], SelectionSlice> = (set, get) => ({
  selectedNodes: NONE,
  selectedEdges: NONE,
  fieldFocus: null,
  revealNonce: 0,
  bottomPanel: 'problems',
  select(nodes, edges = NONE) {
    const s = get();
    if (sameIds(s.selectedNodes, nodes) && sameIds(s.selectedEdges, edges)) return;
    set({ selectedNodes: nodes, selectedEdges: edges });
  },
  reveal(nodeId, path = []) {
    const s = get();
    set({
      selectedNodes: [nodeId],
      selectedEdges: NONE,
      revealNonce: s.revealNonce + 1,
      fieldFocus: { nodeId, path, nonce: (s.fieldFocus?.nonce ?? 0) + 1 },
    });
  },
  setBottomPanel: (bottomPanel) => set({ bottomPanel }),
});

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
