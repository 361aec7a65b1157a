import { ResponseEnvelope, WireFrame, type EventMessage, type RequestEnvelope } from './envelope';
import type { ClientTransport, MessageWire } from './transport';

export interface WireClientOptions {
  /** A request without an answer after this long is failed with TIMEOUT. */
  timeoutMs?: number;
}

/** The client side of a message wire: correlates responses to requests by id. */
export function createWireTransport(wire: MessageWire, options: WireClientOptions = {}): ClientTransport {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pending = new Map<string, { resolve: (response: ResponseEnvelope) => void; timer: unknown }>();
  const eventListeners = new Set<(events: EventMessage[]) => void>();
  let closedReason: string | undefined;

  const settle = (response: ResponseEnvelope) => {
    const entry = pending.get(response.id);
    if (!entry) return;
    pending.delete(response.id);
    clearTimeout(entry.timer);
    entry.resolve(response);
  };

  wire.onFrame((raw) => {
    const frame = WireFrame.safeParse(raw);
    if (!frame.success) return;
    if (frame.data.t === 'res') settle(frame.data.response);
    else if (frame.data.t === 'evt') for (const listener of [...eventListeners]) listener(frame.data.events);
  });
  wire.onClose((reason) => {
    closedReason = reason || 'connection closed';
    for (const id of [...pending.keys()]) {
      settle({
        id,
        ok: false,
        error: { code: 'TRANSPORT_CLOSED', message: `connection lost: ${closedReason}` },
      });
    }
  });

  return {
    request(envelope: RequestEnvelope): Promise<ResponseEnvelope> {
      if (closedReason !== undefined) {
        return Promise.resolve(
          ResponseEnvelope.parse({
            id: envelope.id,
            ok: false,
            error: { code: 'TRANSPORT_CLOSED', message: `connection lost: ${closedReason}` },
          }),
        );
      }
      return new Promise((resolve) => {
        const timer = setTimeout(
          () =>
            settle({
              id: envelope.id,
              ok: false,
              error: { code: 'TIMEOUT', message: `no answer to ${envelope.channel} within ${timeoutMs} ms` },
            }),
          timeoutMs,
        );
        pending.set(envelope.id, { resolve, timer });
        wire.send({ t: 'req', ...envelope });
      });
    },
    onEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    close: () => wire.close(),
  };
}
