import type { Clip, Position } from '../../../shared/topology';

const STEP = 32;

/**
 * Copied nodes. Kept in memory (pasting never needs a permission), and also offered to the system
 * clipboard as JSON for other programs; a denied write is not an error.
 */
export class EditorClipboard {
  private current: Clip | null = null;
  private pastes = 0;

  get clip(): Clip | null {
    return this.current;
  }

  set(clip: Clip): void {
    this.current = clip;
    this.pastes = 0;
    try {
      navigator.clipboard?.writeText(JSON.stringify(clip)).catch(() => undefined);
    } catch {
      // No clipboard API here (an insecure context, a test DOM): the in-memory clip is enough.
    }
  }

  /** Each paste lands a step further, so repeated pastes do not stack on one another. */
  nextOffset(): Position {
    this.pastes++;
    return { x: STEP * this.pastes, y: STEP * this.pastes };
  }
}

/** The window's clipboard: one per renderer, like the system one. */
export const editorClipboard = new EditorClipboard();
