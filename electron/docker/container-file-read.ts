import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import type { PathStat } from './docker-client';

/** A file read out of a container: its size, and its bytes when it is not over the limit. */
export interface ReadFile {
  readonly size: number;
  /** Absent when the file is larger than the limit (nothing past the header was read). */
  readonly content?: Buffer;
}

/**
 * The engine's `X-Docker-Container-Path-Stat` header (base64 of a JSON object), checked: undefined
 * unless it is one, with a whole non-negative `size` and `mode` and a string `linkTarget`.
 */
export function pathStatFrom(header: string | string[] | undefined): PathStat | undefined {
  if (typeof header !== 'string' || header.length > 8192) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { size, mode, linkTarget } = value as Record<string, unknown>;
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (!whole(size) || !whole(mode)) return undefined;
  return { size, mode, linkTarget: typeof linkTarget === 'string' ? linkTarget : '' };
}

/** Go's `os.ModeType` bits: directory, symlink, device, named pipe, socket, char device, irregular. */
const TYPE_BITS = [31, 27, 26, 25, 24, 21, 19];

/** Whether the path is a plain file (no type bit set in its Go file mode, no link target). */
export function isRegularFile(stat: PathStat): boolean {
  return stat.linkTarget === '' && TYPE_BITS.every((bit) => Math.floor(stat.mode / 2 ** bit) % 2 === 0);
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
