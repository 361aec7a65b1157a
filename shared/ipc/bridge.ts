import type { ResponseEnvelope } from './envelope';

/** What a request may carry besides its payload: the envelope id and the W3C trace context. */
export interface InvokeMeta {
  id?: string;
  traceparent?: string;
}

/**
 * What the preload exposes as `window.dockwright` (electron/preload/bridge.ts builds it, the
 * renderer's Electron transport uses it): two functions and the event names, nothing else.
 */
export interface DockwrightBridge {
  invoke(channel: string, payload: unknown, meta?: InvokeMeta): Promise<ResponseEnvelope>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
  readonly eventNames: readonly string[];
}
