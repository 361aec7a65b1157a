import path from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, session, shell } from 'electron';
import { createAppServices } from '../app/services';
import { readSettings } from '../app/settings';
import { startMetricsServer, type MetricsServer } from '../telemetry/metrics-server';
import { createLogger } from '../common/logger';
import { serveAppRequest } from './app-protocol';
import { isAllowedExternalUrl } from './external-links';
import { hardenWebContents } from './harden';
import { bindIpc } from './ipc-adapter';
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
  const logger = createLogger({ dataDir });
  const services = createAppServices({ logger, dataDir });
  const { settings, warning } = await readSettings(dataDir);
  if (warning) logger.warn(warning);
  // Off unless settings.json asks for it: `{ "metrics": { "port": 9464 } }`, loopback only.
  let metricsServer: MetricsServer | undefined;
  if (settings.metrics) {
    metricsServer = await startMetricsServer(services.telemetry.metrics, {
      port: settings.metrics.port,
    }).catch((error: unknown) => {
      logger.error({ err: error }, 'the metrics port could not be opened');
      return undefined;
    });
    if (metricsServer) logger.info({ url: metricsServer.url }, 'serving metrics');
  }

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

  const window = new BrowserWindow(createWindowOptions(preloadPath, { devTools: !app.isPackaged }));
  const unbind = bindIpc(ipcMain, services.dispatcher, services.hub, () => window.webContents);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);

  app.on('window-all-closed', () => {
    unbind();
    void Promise.all([metricsServer?.close(), services.dispose()]).finally(() => app.quit());
  });
}

start().catch((error: unknown) => {
  process.stderr.write(`Dockwright failed to start: ${(error as Error).stack ?? String(error)}\n`);
  app.exit(1);
});
