import type { Healthcheck } from '../../shared/topology';
import { durationMs } from '../../shared/text/durations';
import { TaskError } from '../executor';

/**
 * Every wait of a run has an end. These are the defaults where the node says nothing; the docs
 * (docs/running.md) state them.
 */
export const DEADLINES = {
  /** An image build. */
  buildMs: 30 * 60_000,
  /** An image pull. */
  pullMs: 10 * 60_000,
  /** One attempt of a job without a `timeout`. */
  jobMs: 60 * 60_000,
  /** Added to the health gate's own budget: the engine's latency, a slow first exec. */
  healthSlackMs: 5_000,
} as const;

/** Docker's healthcheck defaults (`docker run --health-*`). */
const HEALTH_DEFAULTS = { intervalMs: 30_000, timeoutMs: 30_000, retries: 3, startPeriodMs: 0 };

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * How long a health gate waits: the engine reaches a verdict within the start period, one
 * interval and `retries` more intervals each bounded by the timeout; plus slack. With the words
 * that say where the figure comes from.
 */
export function healthGateDeadline(check: Healthcheck | undefined): { ms: number; because: string } {
  const interval = durationMs(check?.interval) || HEALTH_DEFAULTS.intervalMs;
  const timeout = durationMs(check?.timeout) || HEALTH_DEFAULTS.timeoutMs;
  const retries = check?.retries ?? HEALTH_DEFAULTS.retries;
  const start = durationMs(check?.startPeriod) ?? HEALTH_DEFAULTS.startPeriodMs;
  const ms = start + interval * (retries + 1) + timeout + DEADLINES.healthSlackMs;
  return {
    ms,
    because: `start period ${seconds(start)} + ${retries + 1} × interval ${seconds(interval)} + timeout ${seconds(timeout)} + ${seconds(DEADLINES.healthSlackMs)} slack`,
  };
}

/**
 * Runs `work` with a signal that aborts after `ms` (or when `parent` aborts); past the deadline
 * it fails with a `timeout` TaskError that says what was awaited and for how long.
 */
export async function withDeadline<T>(
  ms: number,
  awaited: string,
  work: (signal: AbortSignal) => Promise<T>,
  parent?: AbortSignal,
  because?: string,
): Promise<T> {
  const controller = new AbortController();
  const error = new TaskError(
    'timeout',
    `gave up waiting for ${awaited} after ${seconds(ms)}${because ? ` (${because})` : ''}`,
  );
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      late = true;
      reject(error);
      controller.abort(error);
    }, ms);
  });
  const onAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener('abort', onAbort, { once: true });
  if (parent?.aborted) onAbort();
  const running = work(controller.signal);
  try {
    return await Promise.race([running, expired]);
  } catch (failure) {
    // Work that gives up because the deadline aborted it fails for the deadline's reason.
    throw late ? error : failure;
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onAbort);
    running.catch(() => undefined);
    expired.catch(() => undefined);
  }
}
