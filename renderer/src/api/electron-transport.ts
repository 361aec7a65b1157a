import type { DockwrightBridge } from '../../../shared/ipc/bridge';
import { eventNames } from '../../../shared/ipc/contract';
import type { EventMessage, RequestEnvelope } from '../../../shared/ipc/envelope';
import type { ClientTransport } from '../../../shared/ipc/transport';

export function createElectronTransport(bridge: DockwrightBridge): ClientTransport {
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
