import { createStore, useStore, type StoreApi } from 'zustand';
import type { AppStore } from '../store/app-store';
import { useAppStoreApi } from '../store/store-context';

/** The desktop product's own dialogs: one open at a time. */
export type DesktopDialog =
  | { kind: 'palette'; mode: 'commands' | 'nodes' }
  | { kind: 'settings' }
  | { kind: 'gallery' }
  | { kind: 'welcome' }
  | { kind: 'about' }
  | { kind: 'export-compose' };

export interface DesktopUiState {
  dialog: DesktopDialog | null;
  /** A message for the header, e.g. why a dropped file could not be opened. */
  notice: string | null;
}

export type DesktopUiStore = StoreApi<DesktopUiState>;

// One per editor store (see files-ui.ts for why not a module singleton).
const stores = new WeakMap<AppStore, DesktopUiStore>();

export function desktopUiFor(app: AppStore): DesktopUiStore {
  let store = stores.get(app);
  if (!store) {
    store = createStore<DesktopUiState>()(() => ({ dialog: null, notice: null }));
    stores.set(app, store);
  }
  return store;
}

export function useDesktopUiStore(): DesktopUiStore {
  return desktopUiFor(useAppStoreApi());
}

export function useDesktopUi<T>(selector: (state: DesktopUiState) => T): T {
  return useStore(useDesktopUiStore(), selector);
}
