import { Panel, useReactFlow } from '@xyflow/react';
import type { AppState } from '../store/app-store';
import { selectCanRedo, selectCanUndo } from '../store/document-slice';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { layOut } from './editor-actions';

const selectSelectedCount = (s: AppState) => s.selectedNodes.length;
const selectHasNodes = (s: AppState) => Object.keys(s.doc.spec.nodes).length > 0;
const FIT = { duration: 200, maxZoom: 1.25, padding: 0.15 };

/** Undo, Redo, Auto layout and Fit view, over the canvas's top-left corner. */
export function EditorToolbar() {
  const store = useAppStoreApi();
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const selected = useAppStore(selectSelectedCount);
  const hasNodes = useAppStore(selectHasNodes);
  const { fitView } = useReactFlow();
  const layoutWhat = selected >= 2 ? `the ${selected} selected nodes` : 'the whole graph';
  return (
    <Panel position="top-left" className="dw-toolbar" role="toolbar" aria-label="Editor">
      <button
        type="button"
        className="dw-toolbar__button"
        disabled={!canUndo}
        onClick={() => store.getState().undo()}
        title="Undo (Ctrl+Z)"
        aria-keyshortcuts="Control+Z Meta+Z"
      >
        <span aria-hidden="true">↶ </span>Undo
      </button>
      <button
        type="button"
        className="dw-toolbar__button"
        disabled={!canRedo}
        onClick={() => store.getState().redo()}
        title="Redo (Ctrl+Shift+Z, Ctrl+Y)"
        aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
      >
        <span aria-hidden="true">↷ </span>Redo
      </button>
      <span className="dw-toolbar__sep" aria-hidden="true" />
      <button
        type="button"
        className="dw-toolbar__button"
        disabled={!hasNodes}
        onClick={() => {
          // Fit once React Flow has the new positions, on the next frame.
          if (layOut(store) === 'all') requestAnimationFrame(() => void fitView(FIT));
        }}
        title={`Lay out ${layoutWhat} (undoable)`}
      >
        Auto layout
      </button>
      <button
        type="button"
        className="dw-toolbar__button"
        disabled={!hasNodes}
        onClick={() => void fitView(FIT)}
        title="Show every node"
      >
        Fit view
      </button>
    </Panel>
  );
}
