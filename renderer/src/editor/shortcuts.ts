import type { AppStore } from '../store/app-store';
import type { EditorClipboard } from './clipboard';
import { copySelection, duplicateSelection, pasteClip, selectAllNodes } from './editor-actions';

export type ShortcutCommand = 'copy' | 'paste' | 'duplicate' | 'undo' | 'redo' | 'selectAll';

export interface KeyLike {
  readonly key: string;
  readonly code?: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** The letter pressed, also on layouts whose keys type other scripts (then by physical key). */
function letterOf(event: KeyLike): string {
  const key = event.key.toLowerCase();
  if (/^[a-z]$/.test(key)) return key;
  const physical = /^Key([A-Z])$/.exec(event.code ?? '');
  return physical?.[1]?.toLowerCase() ?? key;
}

/** Ctrl (Cmd on macOS) + C, V, D, Z, Shift+Z, Y, A. */
export function shortcutFor(event: KeyLike): ShortcutCommand | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const letter = letterOf(event);
  if (letter === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (event.shiftKey) return null;
  switch (letter) {
    case 'c':
      return 'copy';
    case 'v':
      return 'paste';
    case 'd':
      return 'duplicate';
    case 'y':
      return 'redo';
    case 'a':
      return 'selectAll';
    default:
      return null;
  }
}

// Fields keep their own keys (text undo, select all, copy); so does a modal dialog.
const NATIVE_KEYS =
  'input, textarea, select, [contenteditable]:not([contenteditable="false"]), [aria-modal="true"]';

export function isEditableTarget(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(NATIVE_KEYS) !== null;
}

function hasTextSelection(): boolean {
  const selection = typeof window === 'undefined' ? null : window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== '';
}

/** Runs a shortcut; true when it was the editor's to handle (the browser's default is then skipped). */
export function runShortcut(store: AppStore, command: ShortcutCommand, clipboard: EditorClipboard): boolean {
  switch (command) {
    case 'copy':
      // Copying text the user selected (a log line, a message) stays the browser's job.
      return !hasTextSelection() && copySelection(store, clipboard);
    case 'paste':
      return pasteClip(store, clipboard).length > 0;
    case 'duplicate':
      duplicateSelection(store);
      return true; // never the browser's bookmark dialog
    case 'undo':
      store.getState().undo();
      return true;
    case 'redo':
      store.getState().redo();
      return true;
    case 'selectAll':
      selectAllNodes(store);
      return true;
  }
}
