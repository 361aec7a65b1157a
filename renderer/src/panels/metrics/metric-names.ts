/*
 * The metric names the Metrics panel charts, as the main side declares them
 * (electron/telemetry/names.ts, which the renderer may not import). A renamed metric shows as an
 * empty chart, and the panel test over the contract's sample shapes catches that.
 */
export const METRIC = {
  runsStarted: 'dockwright_runs_started_total',
  runsFinished: 'dockwright_runs_finished_total',
  nodeDuration: 'dockwright_node_duration_seconds',
  taskRetries: 'dockwright_task_retries_total',
  taskTimeouts: 'dockwright_task_timeouts_total',
  dockerCallDuration: 'dockwright_docker_api_call_duration_seconds',
  dockerCallErrors: 'dockwright_docker_api_errors_total',
  healthCheckFailures: 'dockwright_health_check_failures_total',
  healthRestarts: 'dockwright_health_restarts_total',
  containerCpu: 'dockwright_container_cpu_usage_ratio',
  containerMemory: 'dockwright_container_memory_usage_bytes',
} as const;

/** What the panel asks for at start (histograms answer with their `_sum` and `_count`). */
export const CHARTED_METRICS: readonly string[] = Object.values(METRIC);
