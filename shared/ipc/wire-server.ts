import type { Dispatcher } from './dispatcher';
import type { EventSource, MessageWire, Unsubscribe } from './transport';

/**
 * Serves the contract on one message wire: requests go to the dispatcher, event batches from the
 * source are forwarded. Returns a function that detaches everything.
 */
export function serveWire(wire: MessageWire, dispatcher: Dispatcher, eventSource?: EventSource): Unsubscribe {
  const offFrame = wire.onFrame((frame) => {
    const isRequest = frame !== null && typeof frame === 'object' && (frame as { t?: unknown }).t === 'req';
    if (!isRequest) {
      wire.send({
        t: 'res',
        response: {
          id: '',
          ok: false,
          error: { code: 'INVALID_INPUT', message: 'expected a request frame ({"t":"req",...})' },
        },
      });
      return;
    }
    const { t: _t, ...envelope } = frame as Record<string, unknown>;
    void dispatcher.handle(envelope).then((response) => wire.send({ t: 'res', response }));
  });
  const offEvents = eventSource?.subscribe((events) => wire.send({ t: 'evt', events }));
  const detach = () => {
    offFrame();
    offEvents?.();
    offClose();
  };
  const offClose = wire.onClose(detach);
  return detach;
}
