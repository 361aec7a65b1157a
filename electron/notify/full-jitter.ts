/** How a retry waits: exponential from `initialMs`, capped at `maxMs`. */
export interface RetryDelays {
  initialMs: number;
  maxMs: number;
}

/**
 * "Full jitter": a delay drawn evenly from zero to the exponential ceiling of this attempt, so
 * senders that failed together do not come back together (`attempt` counts from 1).
 */
export function fullJitterDelay(attempt: number, delays: RetryDelays, random: () => number): number {
  const ceiling = Math.min(delays.maxMs, delays.initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
