import type { Readable } from 'node:stream';
import type Docker from 'dockerode';

export interface ContainerEvent {
  /** e.g. `start`, `die`, `oom`, `kill`, `health_status: healthy`. */
  action: string;
  id: string;
  attributes: Record<string, string>;
}

/**
 * Follows the engine's event stream for some containers. Resolves once the stream is open, so a
 * caller can subscribe first and then inspect, and never miss a change in between.
 */
export async function watchContainers(
  docker: Docker,
  ids: string[],
  onEvent: (event: ContainerEvent) => void,
  onEnd: (error?: Error) => void = () => {},
): Promise<() => void> {
  const stream = (await docker.getEvents({
    filters: { type: ['container'], container: ids },
  })) as Readable;
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
      try {
        const raw = JSON.parse(line) as {
          Action?: string;
          status?: string;
          id?: string;
          Actor?: { ID?: string; Attributes?: Record<string, string> };
        };
        onEvent({
          action: raw.Action ?? raw.status ?? '',
          id: raw.Actor?.ID ?? raw.id ?? '',
          attributes: raw.Actor?.Attributes ?? {},
        });
      } catch {
        // A partial or foreign line: the engine only sends JSON objects, one per line.
      }
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
