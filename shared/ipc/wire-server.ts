import type { Dispatcher } from './dispatcher';
import type { EventSource, MessageWire, Unsubscribe } from './transport';

/** Where a reconnecting client left off: its server's sequence and the last batch it got. */
export interface ResumeFrom {
  epoch?: string;
  since?: number;
}

/**
 * Serves the contract on one message wire: requests go to the dispatcher, event batches from the
 * source are forwarded, numbered. A source that keeps batches first says where it is (`hello`) and
 * replays what a reconnecting client missed, before anything new. Returns a function that detaches
 * everything.
 */
export function serveWire(
  wire: MessageWire,
  dispatcher: Dispatcher,
  eventSource?: EventSource,
  resume: ResumeFrom = {},
): Unsubscribe {
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
  // The replay and the subscription happen in one turn: no batch falls between them.
  const replay = eventSource?.replay?.(resume.epoch, resume.since);
  if (replay) {
    wire.send({ t: 'hello', epoch: replay.epoch, seq: replay.seq, resumed: replay.batches !== undefined });
    for (const batch of replay.batches ?? [])
      wire.send({ t: 'evt', events: batch.events, seq: batch.seq, epoch: replay.epoch });
  }
  const offEvents = eventSource?.subscribe((events, batch) =>
    wire.send({ t: 'evt', events, ...(batch ? { seq: batch.seq, epoch: batch.epoch } : {}) }),
  );
  const detach = () => {
    offFrame();
    offEvents?.();
    offClose();
  };
  const offClose = wire.onClose(detach);
  return detach;
}
