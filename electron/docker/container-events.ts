import type { DockerClient, Filters } from './docker-client';
import { readJsonLines } from './json-lines';

interface RawEvent {
  Action?: string;
  status?: string;
  id?: string;
  time?: number;
  timeNano?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

export interface ContainerEvent {
  /** e.g. `start`, `die`, `oom`, `kill`, `destroy`, `health_status: healthy`. */
  action: string;
  id: string;
  /** The container's labels, plus `name`, `image` and, on `die`, `exitCode`. */
  attributes: Record<string, string>;
  /** The engine's time of the event (epoch ms). */
  timeMs: number;
}

/**
 * Follows the engine's container events that match `filters` (container ids, labels). Resolves
 * once the stream is open, so a caller can subscribe first and then inspect, and never miss a
 * change in between.
 */
export async function watchContainerEvents(
  client: DockerClient,
  filters: Filters,
  onEvent: (event: ContainerEvent) => void,
  onEnd: (error?: Error) => void = () => {},
): Promise<() => void> {
  const stream = await client.events({ ...filters, type: ['container'] });
  return readJsonLines<RawEvent>(
    stream,
    (raw) =>
      onEvent({
        action: raw.Action ?? raw.status ?? '',
        id: raw.Actor?.ID ?? raw.id ?? '',
        attributes: raw.Actor?.Attributes ?? {},
        timeMs: raw.timeNano !== undefined ? raw.timeNano / 1e6 : (raw.time ?? 0) * 1000,
      }),
    onEnd,
  );
}
