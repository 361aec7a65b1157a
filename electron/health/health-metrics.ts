import type { DockwrightMetrics } from '../telemetry/metrics';
import type { HealthMetrics } from './health-monitor';

/** The monitor's counts on the app's registry (metric names declared in telemetry/names.ts). */
export function healthMetrics(metrics: DockwrightMetrics): HealthMetrics {
  return {
    checkFailed: (project, node) => metrics.healthCheckFailures.inc({ project, node }),
    restarted: (project, node) => metrics.healthRestarts.inc({ project, node }),
    recovered: (project, node, seconds) => metrics.healthRecovery.observe({ project, node }, seconds),
  };
}
