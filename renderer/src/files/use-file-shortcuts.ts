import { useEffect } from 'react';
import { isDialogActive } from '../ui/dialog';
import { useFileCommands } from './file-commands';

/**
 * Ctrl/Cmd+S saves (with Shift: Save As), Ctrl/Cmd+O opens, Ctrl/Cmd+N starts a new topology.
 * Call it once per editor window. Keys pressed inside a dialog are left to the dialog.
 * (Chromium keeps Ctrl+N for a new window in a normal tab; the Electron window gets it.)
 */
export function useFileShortcuts(): void {
  const commands = useFileCommands();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || !(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key !== 's' && key !== 'o' && key !== 'n') return;
      // The browser's own Save page / Open file would be wrong in any case.
      event.preventDefault();
      if (event.repeat || isDialogActive(event.target)) return;
      if (key === 's') {
        if (event.shiftKey) commands.saveAs();
        else void commands.save();
      } else if (key === 'o') commands.request({ kind: 'open' });
      else commands.request({ kind: 'new' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands]);
}
