// A fake main side for tests: the real contract client and dispatcher over an in-memory wire. The
// test scripts the requests it handles; events are pushed by hand.
import { createApi, type Api } from '../../../shared/ipc/api';
import { events, type EventName, type EventPayload } from '../../../shared/ipc/contract';
import { createDispatcher, type Handlers } from '../../../shared/ipc/dispatcher';
import type { EventMessage } from '../../../shared/ipc/envelope';
import { createMemoryWirePair } from '../../../shared/testing/memory-wire';
import { handlersFor } from '../../../shared/testing/ipc-handlers';
import { createWireTransport } from '../../../shared/ipc/wire-client';
import { serveWire } from '../../../shared/ipc/wire-server';

export interface FakeMainSide {
  api: Api;
  /** Sends one event as the main side would, checked against the contract's schema first. */
  push: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Sends a batch of events as it is, unchecked. */
  pushBatch: (batch: EventMessage[]) => void;
  close: () => void;
}

/** `handlers` answer the channels the test uses; any other answers INTERNAL, saying so. */
export function fakeMainSide(handlers: Partial<Handlers>): FakeMainSide {
  const listeners = new Set<(batch: EventMessage[]) => void>();
  const [client, server] = createMemoryWirePair();
  serveWire(server, createDispatcher(handlersFor(handlers)), {
    subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  });
  const api = createApi(createWireTransport(client), { transport: 'memory', nativeDialogs: false });
  const pushBatch = (batch: EventMessage[]) => listeners.forEach((listener) => listener(batch));
  return {
    api,
    push: (event, payload) => {
      events[event].parse(payload);
      pushBatch([{ event, payload }]);
    },
    pushBatch,
    close: () => client.close(),
  };
}
