import { ResponseEnvelope, WireFrame, type EventMessage, type RequestEnvelope } from './envelope';
import { isRetrySafe } from './retry-safe';
import type { ClientTransport, LinkState, MessageWire } from './transport';

export interface WireClientOptions {
  /** A request without an answer after this long is failed with TIMEOUT. */
  timeoutMs?: number;
}

interface Pending {
  envelope: RequestEnvelope;
  resolve: (response: ResponseEnvelope) => void;
  timer: unknown;
  sent: boolean;
}

/**
 * The client side of a message wire: correlates responses to requests by id. On a wire that
 * reconnects, requests wait for the link (each within its timeout); when the link drops, requests
 * in flight that are safe to repeat (reads, `runs.start` with its key) are sent again once it is
 * back, and the others fail with TRANSPORT_CLOSED, since they may or may not have been done.
 */
export function createWireTransport(wire: MessageWire, options: WireClientOptions = {}): ClientTransport {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pending = new Map<string, Pending>();
  const eventListeners = new Set<(events: EventMessage[]) => void>();
  const linkListeners = new Set<(link: LinkState) => void>();
  let closedReason: string | undefined;
  let open = wire.onLink === undefined;

  const settle = (response: ResponseEnvelope) => {
    const entry = pending.get(response.id);
    if (!entry) return;
    pending.delete(response.id);
    clearTimeout(entry.timer);
    entry.resolve(response);
  };
  const lost = (id: string, message: string) =>
    settle({ id, ok: false, error: { code: 'TRANSPORT_CLOSED', message } });
  const send = (entry: Pending) => {
    entry.sent = true;
    wire.send({ t: 'req', ...entry.envelope });
  };

  wire.onFrame((raw) => {
    const frame = WireFrame.safeParse(raw);
    if (!frame.success) return;
    if (frame.data.t === 'res') settle(frame.data.response);
    else if (frame.data.t === 'evt') for (const listener of [...eventListeners]) listener(frame.data.events);
  });
  wire.onLink?.((link) => {
    if (link.state === 'reconnecting') {
      open = false;
      for (const [id, entry] of [...pending]) {
        if (!entry.sent) continue;
        if (isRetrySafe(entry.envelope.channel)) entry.sent = false;
        else
          lost(
            id,
            `connection lost while ${entry.envelope.channel} was in flight (${link.reason}); not sent again, as it may have been done`,
          );
      }
    } else {
      open = true;
      for (const entry of [...pending.values()]) if (!entry.sent) send(entry);
    }
    for (const listener of [...linkListeners]) listener(link);
  });
  wire.onClose((reason) => {
    closedReason = reason || 'connection closed';
    for (const id of [...pending.keys()]) lost(id, `connection lost: ${closedReason}`);
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
        const entry: Pending = { envelope, resolve, timer, sent: false };
        pending.set(envelope.id, entry);
        // Not yet sent, so safe to send later whatever it is: it goes out when the link is back.
        if (open) send(entry);
      });
    },
    onEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onLink(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
    close: () => wire.close(),
  };
}
