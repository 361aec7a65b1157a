import { useMemo } from 'react';
import type { Api } from '../../../shared/ipc/api';
import { newTopology, serializeTopology, type Topology } from '../../../shared/topology';
import { useApi } from '../api/api-context';
import type { AppStore } from '../store/app-store';
import { selectIsDirty } from '../store/document-slice';
import { useAppStoreApi } from '../store/store-context';
import { downloadText } from './browser-files';
import { documentWorker } from '../document-worker/document-worker';
import { baseName, defaultFileName, errorMessage } from './file-actions';
import { filesUiFor, type FilesUiStore, type OpenFailure, type PendingAction } from './files-ui';

export interface FileCommands {
  /** New, Open, Open recent, Import: each asks first when there are unsaved changes. */
  request: (action: PendingAction) => void;
  /** Saves to the document's file, or asks for a name (Save As) when it has none. */
  save: () => Promise<void>;
  saveAs: (then?: PendingAction) => void;
  /** Writes the document server-side under `path`; throws what the main side said. */
  saveTo: (path: string) => Promise<void>;
  /** Offers the document as a download. */
  download: (fileName: string) => void;
  /**
   * Opens a file's text (from the server or the user's disk), read in the document worker; null
   * when it opened, or when a later Open overtook it (the latest wins).
   */
  openText: (text: string, source: { path: string | null; fileName: string }) => Promise<OpenFailure | null>;
  /** The discard prompt's three answers. */
  discard: () => void;
  saveThenContinue: () => Promise<void>;
  cancel: () => void;
  /** Carries out an action without asking (after the prompt, or when nothing is unsaved). */
  perform: (action: PendingAction) => void;
  /** What Save As proposes. */
  suggestedName: () => string;
  closeDialog: () => void;
}

/** The document a save wrote, marked saved even if the user kept typing while it was written. */
function markWritten(store: AppStore, written: Topology, path: string | null): void {
  const state = store.getState();
  if (state.doc === written) state.markSaved(path);
  // Later edits stay unsaved: the file holds `written`, not them.
  else store.setState({ savedDoc: written, filePath: path });
}

export function createFileCommands(api: Api, store: AppStore, ui: FilesUiStore): FileCommands {
  const closeDialog = () => ui.setState({ dialog: null });
  let opening = 0;
  const diskName = (): string | null => {
    const disk = ui.getState().diskFile;
    const state = store.getState();
    return disk && state.filePath === null && disk.doc === state.savedDoc ? disk.name : null;
  };

  const commands: FileCommands = {
    request(action) {
      if (selectIsDirty(store.getState())) ui.setState({ dialog: { kind: 'discard', action } });
      else commands.perform(action);
    },

    perform(action) {
      switch (action.kind) {
        case 'new':
          store.getState().loadDocument(newTopology(), null);
          store.getState().select([]);
          ui.setState({ dialog: null, diskFile: null });
          return;
        case 'open':
          ui.setState({ dialog: { kind: 'open' } });
          return;
        case 'import':
          ui.setState({ dialog: { kind: 'import', ...withoutKind(action) } });
          return;
        case 'open-path':
          ui.setState({ dialog: null, busy: true });
          api.files
            .read({ path: action.path })
            .then(
              async ({ content }) => {
                const failure = await commands.openText(content, {
                  path: action.path,
                  fileName: action.path,
                });
                if (failure) ui.setState({ dialog: { kind: 'open', failure } });
              },
              (error: unknown) =>
                ui.setState({
                  dialog: { kind: 'open', failure: { source: action.path, message: errorMessage(error) } },
                }),
            )
            .finally(() => ui.setState({ busy: false }));
          return;
        case 'open-text':
          void commands.openText(action.text, { path: null, fileName: action.fileName }).then((failure) => {
            if (failure) ui.setState({ dialog: { kind: 'open', failure } });
          });
          return;
        case 'new-from':
          store.getState().loadDocument(action.doc, null);
          store.getState().select([]);
          ui.setState({ dialog: null, diskFile: null });
          return;
        case 'close':
          ui.setState({ dialog: null });
          void api.app.close().catch(() => undefined);
          return;
      }
    },

    async openText(text, source) {
      const ticket = ++opening;
      let outcome;
      try {
        outcome = await documentWorker().run({ kind: 'open', text, fileName: source.fileName });
      } catch (error) {
        return ticket === opening ? { source: source.fileName, message: errorMessage(error) } : null;
      }
      if (ticket !== opening) return null;
      if (outcome.kind === 'failed') return { source: source.fileName, problems: outcome.problems };
      if (outcome.kind === 'compose') {
        // A Compose file opens through the import dialog, which shows what it could not carry over.
        ui.setState({ dialog: { kind: 'import', text: outcome.text, fileName: outcome.fileName } });
        return null;
      }
      store.getState().loadDocument(outcome.topology, source.path);
      store.getState().select([]);
      ui.setState({
        dialog: null,
        diskFile: source.path === null ? { doc: outcome.topology, name: baseName(source.fileName) } : null,
      });
      return null;
    },

    async save() {
      const path = store.getState().filePath;
      if (!path) {
        commands.saveAs();
        return;
      }
      try {
        await commands.saveTo(path);
        ui.setState({ error: null });
      } catch (error) {
        ui.setState({ error: `Could not save ${path}: ${errorMessage(error)}` });
      }
    },

    saveAs(then) {
      ui.setState({ dialog: then ? { kind: 'save-as', then } : { kind: 'save-as' } });
    },

    async saveTo(path) {
      const doc = store.getState().doc;
      ui.setState({ busy: true });
      try {
        await api.files.write({ path, content: serializeTopology(doc) });
        markWritten(store, doc, path);
        ui.setState({ diskFile: null });
      } finally {
        ui.setState({ busy: false });
      }
    },

    download(fileName) {
      const state = store.getState();
      downloadText(fileName, serializeTopology(state.doc));
      // Without a server-side file, the download is the saved copy; with one, that file is.
      if (state.filePath === null) {
        markWritten(store, state.doc, null);
        ui.setState({ diskFile: { doc: state.doc, name: fileName } });
      }
    },

    discard() {
      const dialog = ui.getState().dialog;
      if (dialog?.kind === 'discard') commands.perform(dialog.action);
    },

    async saveThenContinue() {
      const dialog = ui.getState().dialog;
      if (dialog?.kind !== 'discard') return;
      const path = store.getState().filePath;
      if (!path) {
        commands.saveAs(dialog.action);
        return;
      }
      try {
        await commands.saveTo(path);
        commands.perform(dialog.action);
      } catch (error) {
        ui.setState({ dialog: { ...dialog, error: `Could not save ${path}: ${errorMessage(error)}` } });
      }
    },

    cancel: closeDialog,
    closeDialog,
    suggestedName: () => {
      const state = store.getState();
      return defaultFileName(state.doc, state.filePath, diskName());
    },
  };
  return commands;
}

function withoutKind(action: Extract<PendingAction, { kind: 'import' }>) {
  return {
    ...(action.text === undefined ? {} : { text: action.text }),
    ...(action.fileName === undefined ? {} : { fileName: action.fileName }),
  };
}

export function useFileCommands(): FileCommands {
  const api = useApi();
  const store = useAppStoreApi();
  return useMemo(() => createFileCommands(api, store, filesUiFor(store)), [api, store]);
}
