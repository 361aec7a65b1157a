import { createStore, useStore, type StoreApi } from 'zustand';
import type { SettingsView } from '../../../shared/ipc/contract';
import type { AppStore } from '../store/app-store';
import { useAppStoreApi } from '../store/store-context';

export interface SettingsState {
  /** What the main side last said; null until the first answer. */
  view: SettingsView | null;
  /** Why the settings could not be read, if they could not. */
  error: string | null;
}

export type SettingsStore = StoreApi<SettingsState>;

// One per editor store, as the file dialogs' state (files-ui.ts): fresh stores in tests share nothing.
const stores = new WeakMap<AppStore, SettingsStore>();

export function settingsFor(app: AppStore): SettingsStore {
  let store = stores.get(app);
  if (!store) {
    store = createStore<SettingsState>()(() => ({ view: null, error: null }));
    stores.set(app, store);
  }
  return store;
}

export function useSettings<T>(selector: (state: SettingsState) => T): T {
  return useStore(settingsFor(useAppStoreApi()), selector);
}
