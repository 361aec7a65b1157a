// Test support (imported by *.test.tsx only): the file menu and Compose buttons on the editor's
// store, talking to a fake main side (files-side.fake.ts).
import { render } from '@testing-library/react';
import type { Topology } from '../../../shared/topology';
import { ApiProvider } from '../api/api-context';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { ComposeButtons } from '../files/compose-export';
import { FileMenu, useFileShortcuts } from '../files/file-menu';
import { filesSide } from './files-side.fake';

function Shortcuts() {
  useFileShortcuts();
  return null;
}

/** Renders the file menu, the Compose buttons and the shortcuts as the app shell places them. */
export function renderFiles(options: { files?: Record<string, string>; doc?: Topology; path?: string } = {}) {
  const side = filesSide(options.files);
  const store: AppStore = createAppStore();
  if (options.doc) store.getState().loadDocument(options.doc, options.path ?? null);
  const view = render(
    <ApiProvider api={side.api}>
      <StoreProvider store={store}>
        <Shortcuts />
        <header>
          <FileMenu />
        </header>
        <div className="app-toolbar">
          <ComposeButtons />
        </div>
      </StoreProvider>
    </ApiProvider>,
  );
  return { ...side, store, view };
}
