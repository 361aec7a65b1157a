import { useId, type CSSProperties, type DragEvent } from 'react';
import type { NodeKind } from '../../../shared/topology';
import { useAppStoreApi } from '../store/store-context';
import { addNodeInView } from './editor-actions';
import { KindIcon } from './kind-icon';
import { KIND_LOOK, NODE_KINDS } from './node-look';
import { DRAG_KIND_TYPE } from './palette-drag';
import './editor.css';

const startDrag = (kind: NodeKind) => (event: DragEvent<HTMLButtonElement>) => {
  event.dataTransfer.setData(DRAG_KIND_TYPE, kind);
  event.dataTransfer.effectAllowed = 'copy';
};

/**
 * The four node kinds. Drag one onto the canvas to place it there; or click it (Enter, Space)
 * to add it in the middle of the view. Either way the new node is selected.
 */
export function Palette() {
  const store = useAppStoreApi();
  const helpId = useId();
  return (
    <div className="dw-palette">
      <ul className="dw-palette__list" aria-label="Node kinds">
        {NODE_KINDS.map((kind) => (
          <li key={kind}>
            <button
              type="button"
              className={`dw-palette__item dw-palette__item--${kind}`}
              style={{ '--dw-kind': KIND_LOOK[kind].color } as CSSProperties}
              draggable
              onDragStart={startDrag(kind)}
              onClick={() => addNodeInView(store, kind)}
              aria-describedby={helpId}
            >
              <KindIcon kind={kind} />
              <span>{KIND_LOOK[kind].label}</span>
            </button>
          </li>
        ))}
      </ul>
      <p className="dw-palette__help" id={helpId}>
        Drag onto the canvas, or press Enter to add in view.
      </p>
    </div>
  );
}
