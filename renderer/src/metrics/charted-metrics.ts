import { METRIC } from '../../../shared/telemetry/metric-names';

/** What the Metrics panel charts, and asks for at start (histograms answer with their `_sum` and `_count`). */
export const CHARTED_METRICS: readonly string[] = [
  METRIC.runsStarted,
  METRIC.runsFinished,
  METRIC.nodeDuration,
  METRIC.taskRetries,
  METRIC.taskTimeouts,
  METRIC.dockerCallDuration,
  METRIC.dockerCallErrors,
  METRIC.healthCheckFailures,
  METRIC.healthRestarts,
  METRIC.containerCpu,
  METRIC.containerMemory,
];
