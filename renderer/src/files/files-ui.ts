import { createStore, useStore, type StoreApi } from 'zustand';
import type { Problem, Topology } from '../../../shared/topology';
import type { AppStore } from '../store/app-store';
import { useAppStoreApi } from '../store/store-context';

/** What the user asked for that replaces the document, held while the discard prompt is open. */
export type PendingAction =
  | { kind: 'new' }
  | { kind: 'open' }
  | { kind: 'open-path'; path: string }
  | { kind: 'import'; text?: string; fileName?: string }
  /** A file dropped on the window or picked outside the Open dialog (desktop dialog, palette). */
  | { kind: 'open-text'; text: string; fileName: string }
  /** A new, unsaved document made elsewhere (a template). */
  | { kind: 'new-from'; doc: Topology }
  /** Closing the desktop window (its menu or close button). */
  | { kind: 'close' };

/** Why a file could not be opened: a message, or the problems found in it (with line numbers). */
export interface OpenFailure {
  source: string;
  message?: string;
  problems?: readonly Problem[];
}

export type FileDialog =
  | { kind: 'open'; failure?: OpenFailure }
  | { kind: 'save-as'; then?: PendingAction }
  | { kind: 'discard'; action: PendingAction; error?: string }
  | { kind: 'import'; text?: string; fileName?: string }
  | { kind: 'insert' };

export interface FilesUiState {
  dialog: FileDialog | null;
  /** The name of a file opened from the user's disk (browser picker), for the document it loaded. */
  diskFile: { doc: Topology; name: string } | null;
  /** A save that failed outside any dialog (Ctrl+S): shown beside the menu until dismissed. */
  error: string | null;
  busy: boolean;
}

export type FilesUiStore = StoreApi<FilesUiState>;

/*
 * The file dialogs' state sits beside the editor's store, one per store (a WeakMap, not a module
 * singleton), so the file menu, the Compose buttons and the shortcuts agree on which dialog is
 * open without a provider of their own, and tests with fresh stores never share it.
 */
const stores = new WeakMap<AppStore, FilesUiStore>();

export function filesUiFor(app: AppStore): FilesUiStore {
  let store = stores.get(app);
  if (!store) {
    store = createStore<FilesUiState>()(() => ({ dialog: null, diskFile: null, error: null, busy: false }));
    stores.set(app, store);
  }
  return store;
}

export function useFilesUiStore(): FilesUiStore {
  return filesUiFor(useAppStoreApi());
}

export function useFilesUi<T>(selector: (state: FilesUiState) => T): T {
  return useStore(useFilesUiStore(), selector);
}
