import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';

/** A file read out of a container: its size, and its bytes when it is not over the limit. */
export interface ReadFile {
  readonly size: number;
  /** Absent when the file is larger than the limit (nothing past the header was read). */
  readonly content?: Buffer;
}

/**
 * The first regular file of a tar stream (what `GET /containers/{id}/archive?path=` returns for a
 * file), read only when its header says it is at most `maxBytes`. The stream is always consumed
 * or destroyed, never left open.
 */
export async function firstFileOf(tar: Readable, maxBytes: number): Promise<ReadFile | undefined> {
  const reader = extract();
  let found: ReadFile | undefined;
  const done = new Promise<void>((resolve, reject) => {
    reader.on('entry', (header, stream, next) => {
      if (found !== undefined || header.type !== 'file') {
        stream.on('end', next);
        stream.resume();
        return;
      }
      const size = header.size ?? 0;
      if (size > maxBytes) {
        found = { size };
        stream.on('end', next);
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => {
        if (Buffer.isBuffer(chunk)) chunks.push(chunk);
      });
      stream.on('end', () => {
        found = { size, content: Buffer.concat(chunks) };
        next();
      });
      stream.on('error', reject);
    });
    reader.on('finish', resolve);
    reader.on('error', reject);
    tar.on('error', reject);
  });
  tar.pipe(reader);
  try {
    await done;
  } finally {
    tar.destroy();
  }
  return found;
}
