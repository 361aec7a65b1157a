import { useEffect } from 'react';
import { useApi } from '../api/api-context';
import type { AppState } from '../store/app-store';
import { selectIsDirty } from '../store/document-slice';
import { useAppStore } from '../store/store-context';
import { useFileCommands } from './file-commands';
import { FileDialogs } from './file-dialogs';
import { useFilesUi, useFilesUiStore, type FilesUiState } from './files-ui';
import { RecentMenu } from './recent-menu';
import '../ui/dialog.css';
import './files.css';

export { useFileShortcuts } from './use-file-shortcuts';

const selectFilePath = (s: AppState) => s.filePath;
const selectSavedDoc = (s: AppState) => s.savedDoc;
const selectDiskFile = (s: FilesUiState) => s.diskFile;
const selectError = (s: FilesUiState) => s.error;
const selectBusy = (s: FilesUiState) => s.busy;

/** The document's name for people: its server-side file, the disk file it came from, or "untitled". */
export function useDocumentName(): string {
  const filePath = useAppStore(selectFilePath);
  const savedDoc = useAppStore(selectSavedDoc);
  const disk = useFilesUi(selectDiskFile);
  if (filePath) return filePath;
  if (disk && disk.doc === savedDoc) return disk.name;
  return 'untitled';
}

/**
 * New, Open, Save, Save As, Insert topology and Recent, the document's name with an "edited" marker, and the file
 * dialogs. Also keeps the window title in step and, in the browser, warns before a page unload
 * would lose changes. Mount it once, in the header.
 */
export function FileMenu() {
  const api = useApi();
  const commands = useFileCommands();
  const ui = useFilesUiStore();
  const name = useDocumentName();
  const dirty = useAppStore(selectIsDirty);
  const error = useFilesUi(selectError);
  const busy = useFilesUi(selectBusy);

  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${name} — Dockwright`;
  }, [dirty, name]);

  // The Electron window would silently refuse to close instead of asking: only the browser gets it.
  const warnOnUnload = dirty && !api.capabilities.nativeDialogs;
  useEffect(() => {
    if (!warnOnUnload) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need returnValue set to show their prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [warnOnUnload]);

  return (
    <>
      <div className="file-menu" role="toolbar" aria-label="File">
        <button type="button" title="New topology (Ctrl+N)" onClick={() => commands.request({ kind: 'new' })}>
          New
        </button>
        <button type="button" title="Open (Ctrl+O)" onClick={() => commands.request({ kind: 'open' })}>
          Open
        </button>
        <button type="button" title="Save (Ctrl+S)" disabled={busy} onClick={() => void commands.save()}>
          Save
        </button>
        <button type="button" title="Save As (Ctrl+Shift+S)" onClick={() => commands.saveAs()}>
          Save As
        </button>
        <button
          type="button"
          title="Insert another topology or Compose file into this one, as a group"
          onClick={() => ui.setState({ dialog: { kind: 'insert' } })}
        >
          Insert topology…
        </button>
        <RecentMenu />
        <span className="file-menu__doc" data-testid="document-name" data-dirty={dirty}>
          {name}
          {dirty && (
            <span className="file-menu__dirty" title="Edited: not saved">
              <span aria-hidden="true"> •</span>
              <span className="sr-only"> (edited)</span>
            </span>
          )}
        </span>
        {error && (
          <span className="file-menu__error" role="alert">
            {error}{' '}
            <button type="button" aria-label="Dismiss" onClick={() => ui.setState({ error: null })}>
              ×
            </button>
          </span>
        )}
      </div>
      <FileDialogs documentName={name} />
    </>
  );
}
