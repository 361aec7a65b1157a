import type { WireFrame } from '../../../shared/ipc/envelope';
import type { LinkState, MessageWire } from '../../../shared/ipc/transport';

export interface WebSocketWireOptions {
  /** The WebSocket class (tests pass a fake). */
  WebSocketImpl?: typeof WebSocket;
  /** Reconnect delays: full jitter up to min(maxMs, minMs × 2^attempt). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A socket that has not opened by then is given up on and tried again. */
  connectTimeoutMs?: number;
  random?: () => number;
}

type Listener<T> = (value: T) => void;

/**
 * A browser WebSocket as a message wire that comes back: when the socket drops (the server
 * restarted, the network went away), it reconnects with exponential backoff and full jitter,
 * asking the server for the event batches it missed (`?epoch=&since=`), and says so through
 * `onLink`. Frames sent while it is down are dropped; the wire client holds requests until the
 * link is open. The server authenticates the upgrade with the HttpOnly cookie of the page.
 */
export function createWebSocketWire(url: string, options: WebSocketWireOptions = {}): MessageWire {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const minDelay = options.minDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const connectTimeout = options.connectTimeoutMs ?? 10_000;
  const random = options.random ?? Math.random;
  const frameListeners = new Set<Listener<unknown>>();
  const closeListeners = new Set<Listener<string>>();
  const linkListeners = new Set<Listener<LinkState>>();
  let socket: WebSocket | undefined;
  let epoch: string | undefined;
  let lastSeq: number | undefined;
  let attempts = 0;
  let everOpen = false;
  let isOpen = false;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const tell = (link: LinkState) => {
    for (const listener of [...linkListeners]) listener(link);
  };
  const target = () => {
    if (epoch === undefined || lastSeq === undefined) return url;
    const next = new URL(url);
    next.searchParams.set('epoch', epoch);
    next.searchParams.set('since', String(lastSeq));
    return next.href;
  };
  const retry = (reason: string) => {
    if (closed || timer !== undefined) return;
    if (isOpen || attempts === 0) tell({ state: 'reconnecting', reason });
    isOpen = false;
    const ceiling = Math.min(maxDelay, minDelay * 2 ** attempts);
    attempts++;
    timer = setTimeout(
      () => {
        timer = undefined;
        connect();
      },
      Math.floor(random() * ceiling),
    );
  };

  function connect(): void {
    if (closed) return;
    const current = new Impl(target());
    socket = current;
    const giveUp = setTimeout(() => current.close(), connectTimeout);
    current.addEventListener('open', () => clearTimeout(giveUp));
    current.addEventListener('message', (event: MessageEvent) => {
      if (current !== socket) return;
      let frame: unknown;
      try {
        frame = JSON.parse(String(event.data));
      } catch {
        return; // A frame that is not JSON is not ours.
      }
      const data = frame as Partial<WireFrame> & { seq?: unknown; epoch?: unknown; resumed?: unknown };
      if (data.t === 'hello') {
        const resumed = data.resumed === true && everOpen;
        epoch = typeof data.epoch === 'string' ? data.epoch : undefined;
        lastSeq = typeof data.seq === 'number' ? data.seq : undefined;
        // Replayed batches follow the hello and count from where this page left off.
        if (resumed) lastSeq = Number(new URL(current.url).searchParams.get('since') ?? lastSeq);
        const reconnected = everOpen;
        everOpen = true;
        isOpen = true;
        attempts = 0;
        tell({ state: 'open', resumed, reconnected });
        return;
      }
      if (data.t === 'evt' && typeof data.seq === 'number') lastSeq = data.seq;
      for (const listener of [...frameListeners]) listener(frame);
    });
    current.addEventListener('close', (event: CloseEvent) => {
      clearTimeout(giveUp);
      if (current !== socket) return;
      retry(event.reason || `closed (${event.code})`);
    });
  }
  connect();

  return {
    send(frame: WireFrame) {
      if (isOpen && socket?.readyState === Impl.OPEN) socket.send(JSON.stringify(frame));
    },
    onFrame(listener) {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    onLink(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      socket?.close(1000, 'bye');
      for (const listener of [...closeListeners]) listener('closed by the page');
    },
  };
}
