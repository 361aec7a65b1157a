import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import { ApiError } from '../../shared/ipc/errors';
import type { DesktopPort } from '../app/desktop-handlers';
import { writeFileAtomic } from '../common/atomic-write';

/** As the browser picker's limit (renderer/src/files/browser-files.ts). */
const MAX_OPEN_BYTES = 5 * 1024 * 1024;
const USER_FILE_MODE = 0o644;

const YAML_FILTERS = [
  { name: 'Topologies and Compose files', extensions: ['yaml', 'yml', 'json'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * The desktop window's file dialogs: the renderer gets the content of the one file the user picked
 * (never a path to read later), and a save writes only where the user pointed the dialog.
 */
export function nativeDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  window: () => BrowserWindow,
  closeWindow: () => boolean,
): DesktopPort {
  return {
    async openFile(input) {
      const answer = await dialog.showOpenDialog(window(), {
        title: input.title ?? 'Open',
        properties: ['openFile'],
        filters: input.filters ?? YAML_FILTERS,
      });
      const picked = answer.filePaths[0];
      if (answer.canceled || !picked) return { canceled: true };
      const info = await stat(picked);
      if (info.size > MAX_OPEN_BYTES) {
        throw new ApiError('PAYLOAD_TOO_LARGE', `${path.basename(picked)} is larger than 5 MB`);
      }
      return {
        canceled: false,
        path: picked,
        name: path.basename(picked),
        content: await readFile(picked, 'utf8'),
      };
    },
    async saveFile(input) {
      const answer = await dialog.showSaveDialog(window(), {
        title: input.title ?? 'Save',
        defaultPath: path.basename(input.suggestedName),
        filters: input.filters ?? YAML_FILTERS,
      });
      if (answer.canceled || !answer.filePath) return { canceled: true };
      await writeFileAtomic(answer.filePath, input.content, USER_FILE_MODE);
      return { canceled: false, path: answer.filePath, name: path.basename(answer.filePath) };
    },
    closeWindow,
  };
}
