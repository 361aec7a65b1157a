import { useEffect, useRef } from 'react';
import { useApi } from '../api/api-context';
import type { AppState } from '../store/app-store';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { rerun, rerunFromBlockedReason } from './rerun-actions';

export interface NodeMenuAt {
  nodeId: string;
  /** Where the pointer was, relative to the canvas. */
  x: number;
  y: number;
}

/**
 * The menu a right click on a node opens: rerun the node and everything that depends on it
 * (its last run's topology, jobs run again even when they succeeded, services restarted).
 * Escape, a click elsewhere or choosing closes it.
 */
export function NodeContextMenu({ at, onClose }: { at: NodeMenuAt; onClose: () => void }) {
  const api = useApi();
  const store = useAppStoreApi();
  const selectReason = (s: AppState) => rerunFromBlockedReason(s, at.nodeId);
  const reason = useAppStore(selectReason);
  const menu = useRef<HTMLDivElement>(null);
  // The latest onClose, so the listeners below are set once per menu, not per render.
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
    const close = (event: Event) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !menu.current?.contains(event.target as Node)
      )
        closeRef.current();
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, [at.nodeId]);

  return (
    <div
      ref={menu}
      className="node-menu"
      role="menu"
      aria-label={`Actions of ${at.nodeId}`}
      style={{ left: at.x, top: at.y }}
      data-testid="node-menu"
    >
      <button
        type="button"
        role="menuitem"
        className="node-menu__item"
        disabled={reason !== null}
        title={reason ?? `Run ${at.nodeId} again, and everything that depends on it`}
        onClick={() => {
          onClose();
          void rerun(api, store, { from: at.nodeId });
        }}
      >
        ↻ Rerun this node (and its dependents)
      </button>
      {reason && <p className="node-menu__reason">{reason}</p>}
    </div>
  );
}
