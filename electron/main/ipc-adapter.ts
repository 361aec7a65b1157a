import type { Dispatcher } from '../../shared/ipc/dispatcher';
import { ELECTRON_EVENTS_CHANNEL, ELECTRON_INVOKE_CHANNEL } from '../../shared/ipc/channels';
import type { ResponseEnvelope } from '../../shared/ipc/envelope';
import type { EventSource, Unsubscribe } from '../../shared/ipc/transport';
import { isAppUrl } from './window-options';

export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame: FrameLike | null }, ...args: unknown[]) => unknown,
  ): void;
  removeHandler(channel: string): void;
}

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Only the app's own top-level page may call the main side; never an iframe or a foreign page. */
export function isTrustedFrame(frame: FrameLike | null): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/**
 * Binds the dispatcher to Electron IPC: requests through `ipcMain.handle`, event batches to the
 * window through `webContents.send`.
 */
export function bindIpc(
  ipcMain: IpcMainLike,
  dispatcher: Dispatcher,
  events: EventSource,
  target: () => EventTarget | undefined,
): Unsubscribe {
  ipcMain.handle(ELECTRON_INVOKE_CHANNEL, async (event, envelope): Promise<ResponseEnvelope> => {
    if (!isTrustedFrame(event.senderFrame)) {
      return { id: '', ok: false, error: { code: 'FORBIDDEN', message: 'request from an untrusted frame' } };
    }
    return dispatcher.handle(envelope);
  });
  const offEvents = events.subscribe((batch) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(ELECTRON_EVENTS_CHANNEL, batch);
  });
  return () => {
    offEvents();
    ipcMain.removeHandler(ELECTRON_INVOKE_CHANNEL);
  };
}
