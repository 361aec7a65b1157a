import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { readJsonLines } from './json-lines';

interface RawEvent {
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

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
  return readJsonLines<RawEvent>(
    stream,
    (raw) =>
      onEvent({
        action: raw.Action ?? raw.status ?? '',
        id: raw.Actor?.ID ?? raw.id ?? '',
        attributes: raw.Actor?.Attributes ?? {},
      }),
    onEnd,
  );
}
