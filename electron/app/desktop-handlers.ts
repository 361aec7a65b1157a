import type { Handlers } from '../../shared/ipc/dispatcher';
import type { RequestInput, RequestOutput } from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import { APP_NAME, APP_VERSION } from '../common/app-version';
import { listDockerContexts } from '../docker/docker-contexts';
import { engineSelectionOf } from '../docker/engine-address';
import { testEngine } from '../docker/engine-test';
import type { SettingsService } from './settings-service';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * What only the desktop window can do: the system's file dialogs and closing the window. The
 * Electron composition root implements it; the web mode has none (`capabilities.nativeDialogs`
 * is false there, and these channels answer FORBIDDEN).
 */
export interface DesktopPort {
  openFile(input: RequestInput<'dialog.open'>): Promise<RequestOutput<'dialog.open'>>;
  saveFile(input: RequestInput<'dialog.save'>): Promise<RequestOutput<'dialog.save'>>;
  /** Closes the window without asking again (the renderer asked about unsaved changes). */
  closeWindow(): boolean;
}

const desktopOnly = (what: string) =>
  new ApiError('FORBIDDEN', `${what} exists in the desktop app only; the web mode uses the browser's.`);

type DesktopChannels =
  | 'settings.get'
  | 'settings.set'
  | 'engine.test'
  | 'engine.contexts'
  | 'app.info'
  | 'app.close'
  | 'dialog.open'
  | 'dialog.save';

export function desktopHandlers(options: {
  settings: SettingsService;
  env: Env;
  dataDir: string;
  desktop?: DesktopPort | undefined;
}): Pick<Handlers, DesktopChannels> {
  const { settings, env, desktop } = options;
  return {
    'settings.get': () => settings.get(),
    'settings.set': ({ patch }) => settings.set(patch),
    // The one engine test, shared with `dockwright engine`: never throws, answers within 5 s.
    'engine.test': ({ engine }) => testEngine(engineSelectionOf(engine), env),
    'engine.contexts': () => listDockerContexts(env),
    'app.info': () => ({
      name: APP_NAME,
      version: APP_VERSION,
      dataDir: options.dataDir,
      mode: desktop ? 'desktop' : 'web',
      platform: process.platform,
    }),
    'app.close': () => {
      if (!desktop) throw desktopOnly('Closing the window');
      return { closing: desktop.closeWindow() };
    },
    'dialog.open': (input) => {
      if (!desktop) throw desktopOnly('The native open dialog');
      return desktop.openFile(input);
    },
    'dialog.save': (input) => {
      if (!desktop) throw desktopOnly('The native save dialog');
      return desktop.saveFile(input);
    },
  };
}
