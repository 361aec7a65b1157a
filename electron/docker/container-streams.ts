import { followLogs, sinceOf, type LogFollow, type LogLineHandler } from './container-logs';
import { followStats, type StatsFollow, type StatsSample } from './container-stats';
import type { DockerEngine } from './docker-engine';
import { toEngineError } from './engine-errors';

/** Long-lived streams from running containers: their output and their resource use. */
export class ContainerStreams {
  constructor(private readonly engine: DockerEngine) {}

  private fail(error: unknown): never {
    throw toEngineError(error, this.engine.host.display);
  }

  /**
   * Follows a running container's output, line by line: what it wrote after `since` (the end of
   * its previous run, for a restarted container; everything for a new one), or, with `tail`, its
   * last lines and what follows.
   */
  async followLogs(
    id: string,
    options: { tty: boolean; since?: string; tail?: number },
    onLine: LogLineHandler,
  ): Promise<LogFollow> {
    const since = options.since ? sinceOf(options.since) : undefined;
    try {
      return await followLogs(
        this.engine.client,
        id,
        {
          tty: options.tty,
          ...(since ? { since } : {}),
          ...(options.tail !== undefined ? { tail: options.tail } : {}),
        },
        onLine,
      );
    } catch (error) {
      this.fail(error);
    }
  }

  /** Follows a container's CPU and memory use (the engine's stats stream). */
  async followStats(id: string, onSample: (sample: StatsSample) => void): Promise<StatsFollow> {
    try {
      return await followStats(this.engine.client, id, onSample);
    } catch (error) {
      this.fail(error);
    }
  }
}
