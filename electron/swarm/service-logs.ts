import { followLogStream, sinceOf, type LogFollow, type LogLineHandler } from '../docker/container-logs';
import type { DockerClient } from '../docker/docker-client';

export interface ServiceLogsOptions {
  readonly tty: boolean;
  /** Lines from this time on (RFC 3339), e.g. when the service was created or updated. */
  readonly since?: string;
  /** Only the last N lines already written, then what follows. */
  readonly tail?: number;
}

/**
 * Follows a Swarm service's output, every task on every node, as the manager gathers it: the
 * same framing as a container's logs, line by line with the engine's timestamps. The stream
 * stays open for tasks to come; it ends when the service is removed or it is stopped.
 */
export async function followServiceLogs(
  client: DockerClient,
  serviceId: string,
  options: ServiceLogsOptions,
  onLine: LogLineHandler,
): Promise<LogFollow> {
  const since = options.since ? sinceOf(options.since) : undefined;
  const stream = await client.serviceLogs(serviceId, {
    follow: true,
    stdout: true,
    stderr: true,
    timestamps: true,
    ...(since ? { since } : {}),
    ...(options.tail !== undefined ? { tail: options.tail } : {}),
  });
  return followLogStream(stream, options.tty, onLine);
}
