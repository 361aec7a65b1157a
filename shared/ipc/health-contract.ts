import { z } from 'zod';

/*
 * The health monitor's part of the contract: what the renderer's badges and Health panel read.
 * contract.ts registers these under `health.*` and `chaos.*`.
 */

export const HealthStateName = z.enum(['starting', 'healthy', 'degraded', 'unhealthy', 'unknown', 'failed']);
export type HealthStateName = z.infer<typeof HealthStateName>;

/** How bad each state is, worst last: a group of services is as bad as its worst member. */
export const HEALTH_SEVERITY: Readonly<Record<HealthStateName, number>> = {
  healthy: 0,
  starting: 1,
  unknown: 2,
  degraded: 3,
  unhealthy: 4,
  failed: 5,
};

export const HealthCheckType = z.enum(['engine', 'http', 'tcp', 'exec', 'container']);
export type HealthCheckType = z.infer<typeof HealthCheckType>;

/** One check's verdict on one container. */
export const HealthCheckResult = z.object({
  /** The check's name (or a description such as `http :8080/health`). */
  check: z.string(),
  type: HealthCheckType,
  ok: z.boolean(),
  at: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  /** What was seen: `HTTP 500`, `connection refused`, `exit code 1: ...`. */
  message: z.string().optional(),
  /** The container's name, when the service runs replicas. */
  container: z.string().optional(),
});
export type HealthCheckResult = z.infer<typeof HealthCheckResult>;

export const RecoveryAction = z.enum(['restart', 'recreate']);
/** `circuit-open`: the service's `recovery.circuitBreaker` opened; restarts pause for `delayMs`. */
export const RecoveryResult = z.enum(['started', 'recovered', 'failed', 'gave-up', 'circuit-open']);
export type RecoveryResult = z.infer<typeof RecoveryResult>;

/** One step of healing a service: an attempt started, brought it back, failed, or the monitor gave up. */
export const HealthRecovery = z.object({
  runId: z.string(),
  project: z.string(),
  nodeId: z.string(),
  action: RecoveryAction,
  /** Why: its checks failed, its container exited, or a dependency it restarts with was recovered. */
  trigger: z.enum(['unhealthy', 'exited', 'dependency']),
  result: RecoveryResult,
  /** The attempt within the policy's window (absent for a restart that follows a dependency). */
  attempt: z.number().int().positive().optional(),
  maxAttempts: z.number().int().nonnegative().optional(),
  /** Waited before this attempt (backoff). */
  delayMs: z.number().nonnegative().optional(),
  /** With `recovered`: from noticing the problem to healthy again. */
  durationMs: z.number().nonnegative().optional(),
  reason: z.string(),
  at: z.iso.datetime(),
});
export type HealthRecovery = z.infer<typeof HealthRecovery>;

/** A service's health changed state (or, when degraded, its cause changed). */
export const HealthStatus = z.object({
  runId: z.string(),
  project: z.string(),
  nodeId: z.string(),
  state: HealthStateName,
  previous: HealthStateName.optional(),
  /** When the service entered this state. */
  since: z.iso.datetime(),
  reason: z.string().optional(),
  /** When degraded: the dependency at the root of it. */
  cause: z.string().optional(),
  restarts: z.number().int().nonnegative(),
  lastCheck: HealthCheckResult.optional(),
});
export type HealthStatus = z.infer<typeof HealthStatus>;

export const ServiceHealth = z.object({
  nodeId: z.string(),
  state: HealthStateName,
  since: z.iso.datetime(),
  reason: z.string().optional(),
  cause: z.string().optional(),
  /** Restarts (and recreations) the monitor made, this session. */
  restarts: z.number().int().nonnegative(),
  /** Checks that failed, this session. */
  checkFailures: z.number().int().nonnegative(),
  lastCheck: HealthCheckResult.optional(),
  /** The most recent check results, oldest first (bounded). */
  checks: z.array(HealthCheckResult),
  /** The most recent recovery steps, oldest first (bounded). */
  recoveries: z.array(HealthRecovery),
  containers: z.array(z.string()),
});
export type ServiceHealth = z.infer<typeof ServiceHealth>;

export const HealthCounts = z.object({
  starting: z.number().int().nonnegative(),
  healthy: z.number().int().nonnegative(),
  degraded: z.number().int().nonnegative(),
  unhealthy: z.number().int().nonnegative(),
  unknown: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});
export type HealthCounts = z.infer<typeof HealthCounts>;

/** A project's health: the worst state, counts per state, and each service. */
export const HealthSummary = z.object({
  project: z.string(),
  runId: z.string().optional(),
  /** False when read back from the run history: nobody is watching the services now. */
  monitoring: z.boolean(),
  overall: HealthStateName,
  counts: HealthCounts,
  services: z.record(z.string(), ServiceHealth),
});
export type HealthSummary = z.infer<typeof HealthSummary>;

export const ChaosKillResult = z.object({
  project: z.string(),
  nodeId: z.string(),
  /** The containers that were sent the signal. */
  containers: z.array(z.string()),
  signal: z.string(),
  at: z.iso.datetime(),
});
export type ChaosKillResult = z.infer<typeof ChaosKillResult>;
