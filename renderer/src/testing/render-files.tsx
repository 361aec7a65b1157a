// Test support (imported by *.test.tsx only): the real contract client and dispatcher over an
// in-memory wire, a main side whose files.* live in a Map, and the editor's store.
import { render } from '@testing-library/react';
import { createApi, type Api } from '../../../shared/ipc/api';
import { createDispatcher } from '../../../shared/ipc/dispatcher';
import { ApiError } from '../../../shared/ipc/errors';
import { createMemoryWirePair } from '../../../shared/ipc/memory-wire';
import { handlersFor } from '../../../shared/ipc/testing';
import { createWireTransport } from '../../../shared/ipc/wire-client';
import { serveWire } from '../../../shared/ipc/wire-server';
import type { Topology } from '../../../shared/topology';
import { ApiProvider } from '../api/api-context';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { ComposeButtons } from '../files/compose-export';
import { FileMenu, useFileShortcuts } from '../files/file-menu';

const AT = '2026-11-28T10:00:00.000Z';

export interface FilesSide {
  api: Api;
  files: Map<string, string>;
  writes: Array<{ path: string; content: string }>;
  /** Makes the next writes fail as the main side would refuse them. */
  failWrites: (error: ApiError | null) => void;
  close: () => void;
}

export function filesSide(initial: Record<string, string> = {}): FilesSide {
  const files = new Map(Object.entries(initial));
  const recent: string[] = [];
  const writes: Array<{ path: string; content: string }> = [];
  let writeError: ApiError | null = null;
  const touch = (path: string) => recent.splice(0, recent.length, path, ...recent.filter((p) => p !== path));
  const dispatcher = createDispatcher(
    handlersFor({
      'files.list': () =>
        [...files].map(([path, content]) => ({
          path,
          name: path.split('/').at(-1) ?? path,
          sizeBytes: content.length,
          modifiedAt: AT,
        })),
      'files.read': ({ path }) => {
        const content = files.get(path);
        if (content === undefined) throw new ApiError('NOT_FOUND', `There is no file "${path}".`);
        touch(path);
        return { path, content, modifiedAt: AT };
      },
      'files.write': ({ path, content }) => {
        if (writeError) throw writeError;
        files.set(path, content);
        writes.push({ path, content });
        touch(path);
        return { path, modifiedAt: AT };
      },
      'files.recent': () => [...recent],
    }),
  );
  const [client, server] = createMemoryWirePair();
  serveWire(server, dispatcher, { subscribe: () => () => undefined });
  const api = createApi(createWireTransport(client), { transport: 'memory', nativeDialogs: false });
  return {
    api,
    files,
    writes,
    failWrites: (error) => {
      writeError = error;
    },
    close: () => client.close(),
  };
}

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
