import { useMemo } from 'react';
import { useApi } from '../api/api-context';
import { editorClipboard } from '../editor/clipboard';
import { useFileCommands } from '../files/file-commands';
import { filesUiFor } from '../files/files-ui';
import { useAppStoreApi } from '../store/store-context';
import { desktopUiFor } from './desktop-ui';
import type { CommandContext } from './run-command';

/** What a command needs, for the components that run commands. */
export function useCommandContext(): CommandContext {
  const api = useApi();
  const store = useAppStoreApi();
  const files = useFileCommands();
  return useMemo(
    () => ({
      api,
      store,
      files,
      filesUi: filesUiFor(store),
      ui: desktopUiFor(store),
      clipboard: editorClipboard,
    }),
    [api, store, files],
  );
}
