import { useEffect } from 'react';
import { appCommand, type AppCommandId } from '../../../shared/commands/app-commands';
import { isEditableTarget } from '../editor/shortcuts';
import { readPickedFile } from '../files/browser-files';
import { isDialogActive } from '../ui/dialog';
import { matchesAccelerator } from './accelerator';
import { runCommand, type CommandContext } from './run-command';

/** Shortcuts that belong to the palette's own commands (the others have their hooks already). */
const KEYED: readonly AppCommandId[] = ['view.commandPalette', 'edit.findNode', 'file.settings', 'run.run'];

/**
 * Wires the commands to the window, once (in the shell): the desktop menu's `app.command`
 * events, the palette's shortcuts (Ctrl/Cmd+K, F, comma, Enter), and files dropped on the window.
 */
export function useAppCommands(ctx: CommandContext): void {
  useEffect(() => {
    const offMenu = ctx.api.subscribe('app.command', (event) =>
      runCommand(event.command, ctx, event.path ? { path: event.path } : {}),
    );

    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const id = KEYED.find((command) => matchesAccelerator(appCommand(command).shortcut ?? '', event));
      if (!id) return;
      const open = ctx.ui.getState().dialog;
      // The palette's key closes it again; other keys wait while any dialog is open.
      if (id === 'view.commandPalette' && open?.kind === 'palette') {
        event.preventDefault();
        ctx.ui.setState({ dialog: null });
        return;
      }
      if (isDialogActive(event.target)) return;
      // Run and Find node leave a text field its own keys.
      if ((id === 'run.run' || id === 'edit.findNode') && isEditableTarget(event.target)) return;
      event.preventDefault();
      runCommand(id, ctx);
    };

    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (!file || isDialogActive(null)) return;
      void readPickedFile(file).then((read) => {
        if (!read.ok) ctx.ui.setState({ notice: read.message });
        else ctx.files.request({ kind: 'open-text', text: read.text, fileName: read.name });
      });
    };

    window.addEventListener('keydown', onKey);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      offMenu();
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [ctx]);
}
