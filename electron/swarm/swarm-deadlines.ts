import type { Healthcheck, JobNode } from '../../shared/topology';
import { durationMs } from '../../shared/text/durations';
import { DEADLINES, healthGateDeadline } from '../runs/deadlines';

/**
 * The Swarm's waits, beside the run's own (`electron/runs/deadlines.ts`: health gates, job
 * attempts). The docs (docs/swarm.md) state them.
 */
export const SWARM_DEADLINES = {
  /** Every task of a service started: a node may have to pull the image first. */
  startedMs: DEADLINES.pullMs,
  /** A removed service's containers gone, so its networks, secrets, configs and volumes can go. */
  releaseMs: 60_000,
  /** Between two looks at a service's tasks. */
  pollMs: 250,
  /** After a job's last task, its last lines are waited for this long without a new one. */
  logIdleMs: 1_500,
  /**
   * Added to a health gate: a Swarm task is `starting` from before its container starts (which
   * takes seconds on a busy node: overlay endpoints, secrets), and its first check comes after.
   */
  containerStartMs: 60_000,
} as const;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * How long a job may take on a Swarm, which retries it itself: every attempt its `timeout` (or
 * the default job deadline), plus the restart delay between attempts.
 */
export function swarmJobDeadline(node: JobNode): { ms: number; because: string } {
  const attempts = Math.max(1, node.retry?.maxAttempts ?? 1);
  const own = durationMs(node.timeout);
  const perAttempt = own ?? DEADLINES.jobMs;
  const delay = durationMs(node.retry?.backoff?.initial) ?? 1000;
  const ms = perAttempt * attempts + delay * (attempts - 1);
  const what = own !== undefined ? 'its `timeout`' : 'the default job deadline';
  return {
    ms,
    because:
      attempts > 1
        ? `${attempts} attempts × ${what} ${seconds(perAttempt)} + ${attempts - 1} × delay ${seconds(delay)}`
        : `${what} ${seconds(perAttempt)}`,
  };
}

/** A health gate on a Swarm: the engine's (docs/running.md), plus the task's container start. */
export function swarmHealthDeadline(check: Healthcheck | undefined): { ms: number; because: string } {
  const gate = healthGateDeadline(check);
  return {
    ms: gate.ms + SWARM_DEADLINES.containerStartMs,
    because: `${gate.because} + ${seconds(SWARM_DEADLINES.containerStartMs)} for the task's container to start`,
  };
}
