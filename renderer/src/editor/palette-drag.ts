import type { NodeKind } from '../../../shared/topology';

/** The drag data a palette item carries onto the canvas. */
export const DRAG_KIND_TYPE = 'application/x-dockwright-kind';

const KINDS: ReadonlySet<string> = new Set<NodeKind>(['service', 'job', 'volume', 'network']);

export function isKindDrag(dataTransfer: DataTransfer | null): boolean {
  return dataTransfer?.types.includes(DRAG_KIND_TYPE) ?? false;
}

export function kindFromDrag(dataTransfer: DataTransfer | null): NodeKind | null {
  const kind = dataTransfer?.getData(DRAG_KIND_TYPE) ?? '';
  return KINDS.has(kind) ? (kind as NodeKind) : null;
}
