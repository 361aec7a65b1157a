/*
 * The metric names Dockwright exports, in one list for the main side (electron/telemetry/names.ts
 * re-exports them) and the renderer's Metrics panel, which charts some of them.
 */

export const METRIC_PREFIX = 'dockwright_';

/** Metric names (Prometheus conventions: base units in the name, `_total` on counters). */
export const METRIC = {
  runsStarted: 'dockwright_runs_started_total',
  runsFinished: 'dockwright_runs_finished_total',
  runDuration: 'dockwright_run_duration_seconds',
  nodeDuration: 'dockwright_node_duration_seconds',
  taskRetries: 'dockwright_task_retries_total',
  taskTimeouts: 'dockwright_task_timeouts_total',
  breakerState: 'dockwright_circuit_breaker_state',
  breakerRejections: 'dockwright_circuit_breaker_rejections_total',
  dockerCallDuration: 'dockwright_docker_api_call_duration_seconds',
  dockerCallErrors: 'dockwright_docker_api_errors_total',
  healthCheckFailures: 'dockwright_health_check_failures_total',
  healthRestarts: 'dockwright_health_restarts_total',
  healthRecovery: 'dockwright_health_recovery_seconds',
  containerCpu: 'dockwright_container_cpu_usage_ratio',
  containerMemory: 'dockwright_container_memory_usage_bytes',
  logLines: 'dockwright_container_log_lines_total',
  logLinesDropped: 'dockwright_container_log_lines_dropped_total',
  spansExported: 'dockwright_telemetry_spans_exported_total',
  exportFailures: 'dockwright_telemetry_export_failures_total',
  spansDropped: 'dockwright_telemetry_spans_dropped_total',
} as const;
