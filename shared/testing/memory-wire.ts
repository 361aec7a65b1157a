import type { WireFrame } from '../ipc/envelope';
import type { MessageWire, Unsubscribe } from '../ipc/transport';

type Listener<T> = (value: T) => void;

function listeners<T>() {
  const set = new Set<Listener<T>>();
  return {
    add(listener: Listener<T>): Unsubscribe {
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(value: T) {
      for (const listener of [...set]) listener(value);
    },
  };
}

/**
 * Two connected wire ends in one process. Frames go through JSON, as on a real socket, and are
 * delivered asynchronously, so tests over this pair see the same ordering and copying semantics.
 */
export function createMemoryWirePair(): [MessageWire, MessageWire] {
  const frames = [listeners<unknown>(), listeners<unknown>()] as const;
  const closes = [listeners<string>(), listeners<string>()] as const;
  let closed = false;

  const end = (self: 0 | 1): MessageWire => {
    const other = self === 0 ? 1 : 0;
    return {
      send(frame: WireFrame) {
        if (closed) return;
        const copy: unknown = JSON.parse(JSON.stringify(frame));
        queueMicrotask(() => {
          if (!closed) frames[other].emit(copy);
        });
      },
      onFrame: (listener) => frames[self].add(listener),
      onClose: (listener) => closes[self].add(listener),
      close() {
        if (closed) return;
        closed = true;
        closes[0].emit('closed');
        closes[1].emit('closed');
      },
    };
  };
  return [end(0), end(1)];
}
