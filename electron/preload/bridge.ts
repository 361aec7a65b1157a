import {
  ELECTRON_EVENTS_CHANNEL,
  ELECTRON_INVOKE_CHANNEL,
  EVENT_NAMES,
  isEventName,
  isRequestChannel,
} from '../../shared/ipc/channels';
import type { DockwrightBridge, InvokeMeta } from '../../shared/ipc/bridge';
import type { EventMessage, ResponseEnvelope } from '../../shared/ipc/envelope';

/** The part of Electron's ipcRenderer the bridge uses (so it can be tested without Electron). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const rejected = (
  id: string,
  code: 'UNKNOWN_CHANNEL' | 'INVALID_INPUT',
  message: string,
): ResponseEnvelope => ({
  id,
  ok: false,
  error: { code, message },
});

export function createBridge(ipcRenderer: IpcRendererLike): DockwrightBridge {
  const subscribers = new Map<string, Set<(payload: unknown) => void>>();
  let counter = 0;

  // One listener for all batches; the raw Electron event never reaches the page.
  ipcRenderer.on(ELECTRON_EVENTS_CHANNEL, (_event, batch) => {
    if (!Array.isArray(batch)) return;
    for (const message of batch as EventMessage[]) {
      const set = subscribers.get(message?.event);
      if (set) for (const listener of [...set]) listener(message.payload);
    }
  });

  return Object.freeze({
    eventNames: Object.freeze([...EVENT_NAMES]),
    async invoke(channel: string, payload: unknown, meta: InvokeMeta = {}): Promise<ResponseEnvelope> {
      const id = typeof meta.id === 'string' ? meta.id : `preload-${++counter}`;
      if (!isRequestChannel(channel))
        return rejected(id, 'UNKNOWN_CHANNEL', `unknown channel "${String(channel)}"`);
      const envelope = {
        id,
        channel,
        payload,
        ...(meta.traceparent ? { traceparent: meta.traceparent } : {}),
      };
      return (await ipcRenderer.invoke(ELECTRON_INVOKE_CHANNEL, envelope)) as ResponseEnvelope;
    },
    subscribe(event: string, listener: (payload: unknown) => void): () => void {
      if (!isEventName(event)) throw new Error(`unknown event "${String(event)}"`);
      if (typeof listener !== 'function') throw new Error('listener must be a function');
      let set = subscribers.get(event);
      if (!set) subscribers.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  });
}
