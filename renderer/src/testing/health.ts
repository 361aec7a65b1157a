// Builders of health data for tests, shaped as the main side sends it.
import {
  requests,
  type HealthCheckResult,
  type HealthSummary,
  type ServiceHealth,
} from '../../../shared/ipc/contract';

/** An ISO time `second` seconds into the tests' minute (2026-11-28 10:00 UTC). */
export const time = (second: number): string => new Date(Date.UTC(2026, 10, 28, 10, 0, second)).toISOString();

/** One result of the engine's healthcheck: 12 ms when it passes, 1 s when it fails. */
export const healthCheck = (second: number, ok: boolean, message?: string): HealthCheckResult => ({
  check: 'engine healthcheck',
  type: 'engine',
  ok,
  at: time(second),
  durationMs: ok ? 12 : 1000,
  ...(message ? { message } : {}),
});

/** A healthy service of project "shop" since second 0, with no history. */
export const serviceHealth = (nodeId: string, extra: Partial<ServiceHealth> = {}): ServiceHealth => ({
  nodeId,
  state: 'healthy',
  since: time(0),
  restarts: 0,
  checkFailures: 0,
  checks: [],
  recoveries: [],
  containers: [`shop-${nodeId}`],
  ...extra,
});

/** health.get's answer for run r1 of "shop", checked against the contract's schema. */
export const healthSummary = (services: ServiceHealth[], extra: Partial<HealthSummary> = {}): HealthSummary =>
  requests['health.get'].output.parse({
    project: 'shop',
    runId: 'r1',
    monitoring: true,
    overall: 'healthy',
    counts: { starting: 0, healthy: services.length, degraded: 0, unhealthy: 0, unknown: 0, failed: 0 },
    services: Object.fromEntries(services.map((s) => [s.nodeId, s])),
    ...extra,
  });
