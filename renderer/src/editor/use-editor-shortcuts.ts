import { useEffect } from 'react';
import { useAppStoreApi } from '../store/store-context';
import { editorClipboard, type EditorClipboard } from './clipboard';
import { isEditableTarget, runShortcut, shortcutFor } from './shortcuts';

/**
 * The editor's keyboard shortcuts, for the whole window: mount once (in the shell). Keys typed in
 * a field are left to the field. Delete/Backspace are React Flow's (the canvas's deleteKeyCode).
 */
export function useEditorShortcuts(clipboard: EditorClipboard = editorClipboard): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isEditableTarget(event.target)) return;
      const command = shortcutFor(event);
      if (command && runShortcut(store, command, clipboard)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, clipboard]);
}
