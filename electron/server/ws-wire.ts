import type { WebSocket } from 'ws';
import type { WireFrame } from '../../shared/ipc/envelope';
import type { MessageWire } from '../../shared/ipc/transport';

/** Adapts one server-side WebSocket connection to the contract's message wire. */
export function webSocketWire(socket: WebSocket): MessageWire {
  return {
    send(frame: WireFrame) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    },
    onFrame(listener) {
      const onMessage = (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
        if (isBinary) {
          listener({ t: 'invalid', reason: 'binary frames are not accepted' });
          return;
        }
        let parsed: unknown;
        try {
          const text = Array.isArray(data)
            ? Buffer.concat(data)
            : Buffer.isBuffer(data)
              ? data
              : Buffer.from(data);
          parsed = JSON.parse(text.toString('utf8'));
        } catch {
          parsed = { t: 'invalid', reason: 'frame is not JSON' };
        }
        listener(parsed);
      };
      socket.on('message', onMessage);
      return () => socket.off('message', onMessage);
    },
    onClose(listener) {
      const onClose = (code: number) => listener(`closed (${code})`);
      socket.on('close', onClose);
      return () => socket.off('close', onClose);
    },
    close: () => socket.close(1000, 'bye'),
  };
}
