import type { Position } from '../../../shared/topology';

/**
 * What the palette and the shortcuts ask of the mounted canvas. They live outside React Flow's
 * provider (in the shell), so the canvas registers itself here under its store: one canvas per
 * editor store, and no provider for the shell to mount.
 */
export interface CanvasHandle {
  /** The flow coordinates at the centre of the visible canvas. */
  viewportCentre(): Position;
  /** Where a node is drawn, including nodes the document does not place yet. */
  positionOf(id: string): Position | undefined;
  /** The View menu's canvas zoom and fit (the command palette, the desktop menu). */
  zoomIn?(): void;
  zoomOut?(): void;
  fitView?(): void;
}

const handles = new WeakMap<object, CanvasHandle>();

export function registerCanvas(store: object, handle: CanvasHandle): () => void {
  handles.set(store, handle);
  return () => {
    if (handles.get(store) === handle) handles.delete(store);
  };
}

export function canvasHandle(store: object): CanvasHandle | undefined {
  return handles.get(store);
}
