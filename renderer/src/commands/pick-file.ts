import type { Api } from '../../../shared/ipc/api';
import { readPickedFile } from '../files/browser-files';

export type PickedFile = { name: string; text: string } | { error: string } | null;

const ACCEPT = '.yaml,.yml,.json';

interface FileSystemAccessWindow {
  showOpenFilePicker?: (options: {
    types: Array<{ description: string; accept: Record<string, string[]> }>;
    multiple: boolean;
  }) => Promise<Array<{ getFile(): Promise<File> }>>;
}

/**
 * "Open from disk": the desktop's native dialog (through the contract), else the browser's File
 * System Access picker where it has one, else a file input. Null when the user cancelled.
 */
export async function pickTextFile(api: Api): Promise<PickedFile> {
  if (api.capabilities.nativeDialogs) {
    try {
      const picked = await api.dialog.open({ title: 'Open a topology or Compose file' });
      return picked.canceled ? null : { name: picked.name, text: picked.content };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }
  const fsAccess = window as unknown as FileSystemAccessWindow;
  let file: File | null;
  if (typeof fsAccess.showOpenFilePicker === 'function') {
    try {
      const [handle] = await fsAccess.showOpenFilePicker({
        types: [
          {
            description: 'Topologies and Compose files',
            accept: { 'application/yaml': ['.yaml', '.yml', '.json'] },
          },
        ],
        multiple: false,
      });
      file = handle ? await handle.getFile() : null;
    } catch (error) {
      // AbortError: the user cancelled.
      if (error instanceof DOMException && error.name === 'AbortError') return null;
      file = await inputPick();
    }
  } else file = await inputPick();
  if (!file) return null;
  const read = await readPickedFile(file);
  return read.ok ? { name: read.name, text: read.text } : { error: read.message };
}

function inputPick(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPT;
    input.style.display = 'none';
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    document.body.append(input);
    input.click();
  });
}
