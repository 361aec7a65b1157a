import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; body: Buffer } | { ok: false; status: 400 | 413; reason: string };

/**
 * Reads a request body of at most `maxBytes`. A declared Content-Length over the limit is refused
 * before a byte is read; an undeclared (chunked) body is refused as soon as it passes the limit,
 * and the rest is never buffered.
 */
export function readBoundedBody(request: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.resolve({ ok: false, status: 413, reason: `body over ${maxBytes} bytes` });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    // The error listeners stay: a request that fails later must not throw where no one listens.
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      request.off('data', onData);
      request.off('end', onEnd);
      if (!result.ok) request.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        finish({ ok: false, status: 413, reason: `body over ${maxBytes} bytes` });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size) });
    const onError = () => finish({ ok: false, status: 400, reason: 'body not received' });
    const onAborted = () => finish({ ok: false, status: 400, reason: 'body not received' });
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}
