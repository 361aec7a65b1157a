import { eventNames } from '../../../shared/ipc/contract';
import type { EventMessage, RequestEnvelope, ResponseEnvelope } from '../../../shared/ipc/envelope';
import type { ClientTransport } from '../../../shared/ipc/transport';

/** The shape the preload exposes as `window.dockwright` (see electron/preload/bridge.ts). */
export interface PreloadBridge {
  invoke(
    channel: string,
    payload: unknown,
    meta?: { id?: string; traceparent?: string },
  ): Promise<ResponseEnvelope>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export function createElectronTransport(bridge: PreloadBridge): ClientTransport {
  return {
    request: (envelope: RequestEnvelope) =>
      bridge.invoke(envelope.channel, envelope.payload, {
        id: envelope.id,
        ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
      }),
    onEvents(listener: (events: EventMessage[]) => void) {
      const offs = eventNames.map((event) =>
        bridge.subscribe(event, (payload) => listener([{ event, payload }])),
      );
      return () => offs.forEach((off) => off());
    },
    close() {},
  };
}
