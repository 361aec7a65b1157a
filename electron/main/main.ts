import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import type { AppCommandEvent } from '../../shared/ipc/contract';
import { createAppServices } from '../app/services';
import { createLogger } from '../common/logger';
import { makeDirPrivate } from '../common/private-files';
import { serveAppRequest } from './app-protocol';
import { guardClose } from './close-guard';
import { isAllowedExternalUrl } from './external-links';
import { hardenWebContents } from './harden';
import { bindIpc } from './ipc-adapter';
import { installMenu } from './menu';
import { nativeDialogs } from './native-dialogs';
import { hardenPermissions } from './permissions';
import { APP_ORIGIN, APP_SCHEME, createWindowOptions } from './window-options';

// Composition root of the desktop app. Everything it wires is tested on plain Node; this file
// only connects those pieces to Electron.

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false },
  },
]);

app.enableSandbox();

const rendererDir = path.resolve(import.meta.dirname, '..', 'renderer');
const preloadPath = path.resolve(import.meta.dirname, 'preload.cjs');

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  // Electron made userData with the umask's mode: the data dir is the user's alone (0700).
  await makeDirPrivate(dataDir);
  const logger = createLogger({ dataDir });
  // Made below, after the services: the dialogs and the close answer need them later.
  const ui: { window?: BrowserWindow; closer?: { closeNow(): boolean } } = {};
  // Settings (engine, OTLP, the metrics port: off unless set) are read from the data dir and applied.
  const services = createAppServices({
    logger,
    dataDir,
    applySettings: true,
    desktop: nativeDialogs(
      dialog,
      () => ui.window!,
      () => ui.closer?.closeNow() ?? false,
    ),
  });
  const send = (command: AppCommandEvent) => services.hub.emit('app.command', command);

  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));
  hardenPermissions(session.defaultSession, (permission, requestingUrl) =>
    logger.warn({ permission, requestingUrl }, 'permission request denied'),
  );

  // The only call to shell.openExternal, behind the allow-list (external-links.ts).
  const openExternal = (url: string) => {
    if (!isAllowedExternalUrl(url)) return;
    shell
      .openExternal(url)
      .catch((error: unknown) => logger.warn({ err: error, url }, 'could not open a link'));
  };
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { openExternal }));

  // The menu's Open Recent follows the files: rebuilt when the document (and so the title) changes.
  const refreshMenu = () =>
    services.files
      .recent()
      .catch(() => [])
      .then((recent) =>
        installMenu({ mac: process.platform === 'darwin', recent, devTools: !app.isPackaged }, send),
      );
  await refreshMenu();

  const shown = new BrowserWindow(createWindowOptions(preloadPath, { devTools: !app.isPackaged }));
  ui.window = shown;
  ui.closer = guardClose(shown, () => send({ command: 'file.close' }));
  shown.on('page-title-updated', () => void refreshMenu());
  const unbind = bindIpc(ipcMain, services.dispatcher, services.hub, () => shown.webContents);
  shown.once('ready-to-show', () => shown.show());
  await shown.loadURL(`${APP_ORIGIN}/index.html`);

  app.on('window-all-closed', () => {
    unbind();
    void services.dispose().finally(() => app.quit());
  });
}

start().catch((error: unknown) => {
  process.stderr.write(`Dockwright failed to start: ${(error as Error).stack ?? String(error)}\n`);
  app.exit(1);
});
