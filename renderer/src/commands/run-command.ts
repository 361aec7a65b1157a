import type { Api } from '../../../shared/ipc/api';
import { appCommand, DOCS_URL, type AppCommandId } from '../../../shared/commands/app-commands';
import { canvasHandle } from '../editor/canvas-bridge';
import type { EditorClipboard } from '../editor/clipboard';
import { copySelection, deleteElements, layOut, pasteClip, selectAllNodes } from '../editor/editor-actions';
import type { FileCommands } from '../files/file-commands';
import type { FilesUiStore } from '../files/files-ui';
import { cleanUp, runBlockedReason, startRun, stopRun } from '../run/run-actions';
import { rerun, rerunBlockedReason } from '../run/rerun-actions';
import type { AppStore } from '../store/app-store';
import { selectCanRedo, selectCanUndo } from '../store/document-slice';
import type { BottomPanel } from '../store/selection-slice';
import type { DesktopUiStore } from './desktop-ui';
import { pickTextFile } from './pick-file';

export interface CommandContext {
  readonly api: Api;
  readonly store: AppStore;
  readonly files: FileCommands;
  readonly filesUi: FilesUiStore;
  readonly ui: DesktopUiStore;
  readonly clipboard: EditorClipboard;
}

/** Null when the command can run now, else why not (the palette shows it; the menu is static). */
export function commandBlocked(id: AppCommandId, ctx: CommandContext): string | null {
  const unavailable = appCommand(id).unavailable;
  if (unavailable) return unavailable;
  const state = ctx.store.getState();
  const running = state.run?.state === 'running';
  const connected = state.engineStatus?.state === 'connected';
  switch (id) {
    case 'edit.undo':
      return selectCanUndo(state) ? null : 'Nothing to undo.';
    case 'edit.redo':
      return selectCanRedo(state) ? null : 'Nothing to redo.';
    case 'edit.findNode':
      return Object.keys(state.doc.spec.nodes).length > 0 ? null : 'The topology is empty.';
    case 'run.run':
      return state.busy === 'run' ? 'Starting…' : runBlockedReason(state);
    case 'run.stop':
      return running ? null : 'Nothing is running.';
    case 'run.cleanup':
      return !connected ? 'The Docker engine is not connected.' : running ? 'Stop the run first.' : null;
    case 'run.rerun':
      return rerunBlockedReason(state);
    default:
      return null;
  }
}

const PANELS: Partial<Record<AppCommandId, BottomPanel>> = {
  'view.panel.problems': 'problems',
  'view.panel.logs': 'logs',
  'view.panel.traces': 'traces',
  'view.panel.metrics': 'metrics',
  'view.panel.health': 'health',
  'view.panel.history': 'history',
};

/** Whether focus is in a text field, where Cut, Copy, Paste and Select All are the field's. */
function inTextField(): boolean {
  const active = document.activeElement;
  return active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement;
}

function setTheme(ctx: CommandContext, theme: 'light' | 'dark' | 'system'): void {
  ctx.api.settings
    .set({ patch: { theme } })
    .catch((error: unknown) => ctx.ui.setState({ notice: `The theme could not be saved: ${String(error)}` }));
}

/**
 * Carries out a command of the shared table: the same code answers the desktop menu
 * (`app.command`), the command palette and the keyboard shortcuts.
 */
export function runCommand(id: AppCommandId, ctx: CommandContext, extra: { path?: string } = {}): void {
  if (commandBlocked(id, ctx) !== null && id !== 'edit.undo' && id !== 'edit.redo') return;
  const { api, store, files, ui } = ctx;
  const open = (dialog: NonNullable<ReturnType<DesktopUiStore['getState']>['dialog']>) =>
    ui.setState({ dialog });
  const panel = PANELS[id];
  if (panel) {
    store.getState().setBottomPanel(panel);
    return;
  }
  switch (id) {
    case 'file.new':
      return files.request({ kind: 'new' });
    case 'file.newFromTemplate':
      return open({ kind: 'gallery' });
    case 'file.open':
      return files.request({ kind: 'open' });
    case 'file.openFromDisk':
      void pickTextFile(api).then((picked) => {
        if (!picked) return;
        if ('error' in picked) ui.setState({ notice: picked.error });
        else files.request({ kind: 'open-text', text: picked.text, fileName: picked.name });
      });
      return;
    case 'file.openRecent':
      if (extra.path) files.request({ kind: 'open-path', path: extra.path });
      return;
    case 'file.save':
      void files.save();
      return;
    case 'file.saveAs':
      return files.saveAs();
    case 'file.importCompose':
      return files.request({ kind: 'import' });
    case 'file.exportCompose':
      return open({ kind: 'export-compose' });
    case 'file.settings':
      return open({ kind: 'settings' });
    case 'file.close':
      return files.request({ kind: 'close' });
    case 'edit.undo':
      return store.getState().undo();
    case 'edit.redo':
      return store.getState().redo();
    case 'edit.cut':
      if (inTextField()) document.execCommand('cut');
      else if (copySelection(store, ctx.clipboard)) deleteElements(store, store.getState().selectedNodes, []);
      return;
    case 'edit.copy':
      if (inTextField()) document.execCommand('copy');
      else copySelection(store, ctx.clipboard);
      return;
    case 'edit.paste':
      if (inTextField()) document.execCommand('paste');
      else pasteClip(store, ctx.clipboard);
      return;
    case 'edit.selectAll':
      if (inTextField()) (document.activeElement as HTMLInputElement).select();
      else selectAllNodes(store);
      return;
    case 'edit.findNode':
      return open({ kind: 'palette', mode: 'nodes' });
    case 'view.commandPalette':
      return open({ kind: 'palette', mode: 'commands' });
    case 'view.zoomIn':
      return canvasHandle(store)?.zoomIn?.();
    case 'view.zoomOut':
      return canvasHandle(store)?.zoomOut?.();
    case 'view.fit':
      return canvasHandle(store)?.fitView?.();
    case 'view.autoLayout':
      layOut(store);
      return;
    case 'view.theme.light':
      return setTheme(ctx, 'light');
    case 'view.theme.dark':
      return setTheme(ctx, 'dark');
    case 'view.theme.system':
      return setTheme(ctx, 'system');
    case 'run.run':
      void startRun(api, store);
      return;
    case 'run.stop':
      void stopRun(api, store);
      return;
    case 'run.cleanup':
      void cleanUp(api, store);
      return;
    case 'run.rerun':
      void rerun(api, store);
      return;
    case 'help.welcome':
      return open({ kind: 'welcome' });
    case 'help.docs':
      window.open(DOCS_URL, '_blank', 'noopener,noreferrer');
      return;
    case 'help.about':
      return open({ kind: 'about' });
    default:
      return;
  }
}
