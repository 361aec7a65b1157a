import type { DockerClient } from '../docker/docker-client';
import { TaskError } from '../executor';
import { taskProgress, type ProgressQuery, type TaskProgress } from './task-progress';

export interface TaskWaitOptions {
  /** Told every look (the last one is what a deadline's message says). */
  readonly onLook?: (progress: TaskProgress) => void;
  readonly signal: AbortSignal;
  /** Told whenever the counts change. */
  readonly onProgress?: (progress: TaskProgress) => void;
  readonly intervalMs?: number;
  /** Polls in a row that must see "Swarm gave up" before the wait fails (a replacement may be on its way). */
  readonly gaveUpPolls?: number;
}

/** A sleep that ends early, rejecting, when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Polls a service's tasks until they reach the condition, and resolves with the last progress.
 * Fails (fatal) when waiting cannot help any more: a job out of attempts, a service whose tasks
 * keep failing, or every task ended in failure with no replacement coming. It has no deadline of
 * its own: the caller bounds it (`withDeadline`) and aborts `signal` then.
 */
export async function waitForTasks(
  client: DockerClient,
  serviceId: string,
  query: ProgressQuery,
  options: TaskWaitOptions,
): Promise<TaskProgress> {
  const interval = options.intervalMs ?? 250;
  const gaveUpPolls = options.gaveUpPolls ?? 6;
  let previous = '';
  let gaveUpSeen = 0;
  for (;;) {
    if (options.signal.aborted) throw options.signal.reason as Error;
    const tasks = await client.listTasks({ filters: { service: [serviceId] } });
    const progress = taskProgress(tasks, query);
    options.onLook?.(progress);
    const counts = `${progress.running}/${progress.desired}`;
    if (counts !== previous) {
      previous = counts;
      options.onProgress?.(progress);
    }
    if (progress.reached) return progress;
    if (progress.failed !== undefined) throw new TaskError('fatal', progress.failed);
    gaveUpSeen = progress.gaveUp ? gaveUpSeen + 1 : 0;
    if (gaveUpSeen >= gaveUpPolls)
      throw new TaskError(
        'fatal',
        `Swarm started no other task; the last: ${progress.lastError ?? 'failed'}`,
      );
    await pause(interval, options.signal);
  }
}
