import type { WebSocket } from 'ws';
import type { WireFrame } from '../../shared/ipc/envelope';
import type { MessageWire } from '../../shared/ipc/transport';
import { checkJsonShape, describeJsonShape } from './json-shape';
import type { RefusalLog } from './refusal-log';
import type { WebLimits } from './web-limits';

export interface WebSocketWireOptions {
  readonly limits: Pick<
    WebLimits,
    'maxJsonDepth' | 'maxJsonEntries' | 'maxJsonObjectMembers' | 'maxWebSocketBacklogBytes'
  >;
  readonly refusals: RefusalLog;
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

/**
 * Adapts one server-side WebSocket connection to the contract's message wire. `ws` itself
 * enforces the message size and valid UTF-8 (closing with 1009 / 1007); this adds the JSON shape
 * check before parsing, and closes a connection whose unsent backlog grows past its limit.
 */
export function webSocketWire(socket: WebSocket, options: WebSocketWireOptions): MessageWire {
  const { limits, refusals } = options;
  const send = (frame: WireFrame) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > limits.maxWebSocketBacklogBytes) {
      // A client that stops reading would otherwise make us queue every pushed event forever.
      refusals.refuse({ status: 1008, reason: 'websocket backlog over its limit', path: '/api/ws' });
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify(frame));
  };
  return {
    send,
    onFrame(listener) {
      const onMessage = (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
        if (isBinary) {
          listener({ t: 'invalid', reason: 'binary frames are not accepted' });
          return;
        }
        const bytes = toBuffer(data);
        const shape = checkJsonShape(bytes, {
          maxDepth: limits.maxJsonDepth,
          maxEntries: limits.maxJsonEntries,
          maxObjectMembers: limits.maxJsonObjectMembers,
        });
        if (!shape.ok) {
          const message = describeJsonShape(shape);
          refusals.refuse({ status: 413, reason: message, path: '/api/ws' });
          send({ t: 'res', response: { id: '', ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message } } });
          return;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(bytes.toString('utf8'));
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
