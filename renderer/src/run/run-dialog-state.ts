import { createStore, useStore, type StoreApi } from 'zustand';
import type { ConsentRequest, ProjectVolume, RunTarget } from '../../../shared/ipc/contract';
import type { AppState, AppStore } from '../store/app-store';
import { useAppStoreApi } from '../store/store-context';

export interface CleanupChoice {
  /** Remove the named volumes, and their data, too. */
  volumes: boolean;
}

/** The run toolbar's open question, with the function that answers (and closes) it. */
export type RunDialog =
  | { kind: 'consent'; request: ConsentRequest; answer: (run: boolean) => void; asked: Promise<boolean> }
  | {
      kind: 'cleanup';
      project: string;
      volumes: readonly ProjectVolume[];
      /** Where the project's resources are: the engine's containers or a Swarm's services. */
      target: RunTarget;
      answer: (choice: CleanupChoice | null) => void;
    };

export interface RunDialogState {
  dialog: RunDialog | null;
}

// One per editor store, as the file dialogs' state (files-ui.ts): tests with fresh stores share nothing.
const stores = new WeakMap<AppStore, StoreApi<RunDialogState>>();

export function runDialogsFor(app: AppStore): StoreApi<RunDialogState> {
  let store = stores.get(app);
  if (!store) {
    store = createStore<RunDialogState>()(() => ({ dialog: null }));
    stores.set(app, store);
  }
  return store;
}

export function useRunDialog(): RunDialog | null {
  return useStore(runDialogsFor(useAppStoreApi()), (s) => s.dialog);
}

/** Closes whatever is open as if cancelled, so no question is left waiting forever. */
function dismiss(store: StoreApi<RunDialogState>): void {
  const open = store.getState().dialog;
  if (open?.kind === 'consent') open.answer(false);
  else if (open?.kind === 'cleanup') open.answer(null);
}

/** Opens `make(close)`'s dialog; `close` takes it away again, and only it, then answers. */
function open<T>(
  store: StoreApi<RunDialogState>,
  make: (close: (value: T) => void, asked: Promise<T>) => RunDialog,
): Promise<T> {
  dismiss(store);
  let close: (value: T) => void = () => {};
  const asked = new Promise<T>((resolve) => {
    close = (value) => {
      if (store.getState().dialog === dialog) store.setState({ dialog: null });
      resolve(value);
    };
  });
  const dialog = make(close, asked);
  store.setState({ dialog });
  return asked;
}

/** Shows the consent dialog; resolves true on "Run anyway". The same question twice shares one dialog. */
export function askConsent(app: AppStore, request: ConsentRequest): Promise<boolean> {
  const store = runDialogsFor(app);
  const current = store.getState().dialog;
  if (current?.kind === 'consent' && current.request.fingerprint === request.fingerprint)
    return current.asked;
  return open<boolean>(store, (answer, asked) => ({ kind: 'consent', request, answer, asked }));
}

/** Shows the Clean up dialog for a project with named volumes; null when cancelled. */
export function askCleanup(
  app: AppStore,
  project: string,
  volumes: readonly ProjectVolume[],
  target: RunTarget = 'engine',
): Promise<CleanupChoice | null> {
  return open<CleanupChoice | null>(runDialogsFor(app), (answer) => ({
    kind: 'cleanup',
    project,
    volumes,
    target,
    answer,
  }));
}

/**
 * Nothing is busy while a question is open: the button that asked is enabled again, so the
 * dialog can give focus back to it; the action is busy again once answered.
 */
export async function whileAsking<T>(
  app: AppStore,
  busy: NonNullable<AppState['busy']>,
  asked: Promise<T>,
): Promise<T> {
  app.getState().setBusy(null);
  try {
    return await asked;
  } finally {
    app.getState().setBusy(busy);
  }
}
