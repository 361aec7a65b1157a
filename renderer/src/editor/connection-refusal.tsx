import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';

/** A refused connection: why, and where the pointer let go (relative to the canvas). */
export interface Refusal {
  readonly x: number;
  readonly y: number;
  readonly reason: string;
}

export const REFUSAL_MS = 3000;
/** How far the pointer goes before the reason is taken as read. */
const MOVE_AWAY_PX = 32;

/** The refusal shown, until the pointer moves on or a few seconds pass. */
export function useRefusal() {
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const shown = useRef<Refusal | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const hide = useCallback(() => {
    clearTimeout(timer.current);
    shown.current = null;
    setRefusal(null);
  }, []);

  const show = useCallback(
    (next: Refusal) => {
      clearTimeout(timer.current);
      shown.current = next;
      setRefusal(next);
      timer.current = setTimeout(hide, REFUSAL_MS);
    },
    [hide],
  );

  /** For the canvas's pointer moves: hides the refusal once the pointer has moved on. */
  const onPointerMove = useCallback(
    (event: PointerEvent<HTMLElement>) => {
      const current = shown.current;
      // Most moves show nothing: measure the canvas (a forced layout) only when there is.
      if (!current) return;
      const box = event.currentTarget.getBoundingClientRect();
      const x = event.clientX - box.left;
      const y = event.clientY - box.top;
      if (Math.hypot(x - current.x, y - current.y) > MOVE_AWAY_PX) hide();
    },
    [hide],
  );

  useEffect(() => () => clearTimeout(timer.current), []);
  return { refusal, show, onPointerMove };
}

export function RefusalTooltip({ refusal }: { refusal: Refusal | null }) {
  if (!refusal) return null;
  return (
    <div
      className="dw-refusal"
      role="alert"
      data-testid="connection-refusal"
      style={{ left: refusal.x, top: refusal.y }}
    >
      {refusal.reason}
    </div>
  );
}
