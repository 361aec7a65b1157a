/** A stream of bytes from the engine: the events and stats endpoints both send one JSON value a line. */
export type JsonLineStream = NodeJS.ReadableStream & { destroy(): void };

/**
 * Calls `onValue` with each JSON value of the stream, and `onEnd` once, when the stream ends,
 * closes or fails. The returned stop destroys the stream without calling `onEnd`.
 */
export function readJsonLines<T>(
  stream: JsonLineStream,
  onValue: (value: T) => void,
  onEnd: (error?: Error) => void,
): () => void {
  let buffer = '';
  let ended = false;
  const end = (error?: Error) => {
    if (ended) return;
    ended = true;
    onEnd(error);
  };
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (!line) continue;
      let value: T;
      try {
        value = JSON.parse(line) as T;
      } catch {
        // A partial or foreign line: the engine only sends JSON objects, one per line.
        continue;
      }
      onValue(value);
    }
  });
  stream.on('error', (error: Error) => end(error));
  stream.on('close', () => end());
  stream.on('end', () => end());
  return () => {
    ended = true;
    stream.destroy();
  };
}
