import type { WireFrame } from '../../../shared/ipc/envelope';
import type { MessageWire } from '../../../shared/ipc/transport';

/**
 * A browser WebSocket as a message wire. Requests sent before the socket opens are queued.
 * The server authenticates the upgrade with the HttpOnly cookie set when the page was opened.
 */
export function createWebSocketWire(url: string): MessageWire {
  const socket = new WebSocket(url);
  const queue: string[] = [];
  socket.addEventListener('open', () => {
    for (const text of queue.splice(0)) socket.send(text);
  });
  return {
    send(frame: WireFrame) {
      const text = JSON.stringify(frame);
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
      else if (socket.readyState === WebSocket.CONNECTING) queue.push(text);
    },
    onFrame(listener) {
      const onMessage = (event: MessageEvent) => {
        try {
          listener(JSON.parse(String(event.data)));
        } catch {
          // A frame that is not JSON is not ours; ignore it.
        }
      };
      socket.addEventListener('message', onMessage);
      return () => socket.removeEventListener('message', onMessage);
    },
    onClose(listener) {
      const onClose = (event: CloseEvent) => listener(event.reason || `closed (${event.code})`);
      socket.addEventListener('close', onClose);
      return () => socket.removeEventListener('close', onClose);
    },
    close: () => socket.close(1000, 'bye'),
  };
}
