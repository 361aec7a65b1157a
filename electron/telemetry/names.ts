/*
 * Every span name, attribute key and metric name Dockwright emits, declared in one place, so the
 * dashboards, the renderer's panels and the tests agree on them. Label values come from bounded
 * sets (outcomes, node kinds, Docker operations, node ids of a topology); never a container id.
 */

/** Span names. A run's trace: `run <project>` > `node <id>` > `<phase>` (one per attempt) > `docker <op>`. */
export const SPAN = {
  run: (project: string) => `run ${project}`,
  node: (nodeId: string) => (nodeId === '' ? 'node (default network)' : `node ${nodeId}`),
  /** One attempt of one task of a node: `ensure`, `start`, `healthy` or `job`. */
  attempt: (phase: string) => phase,
  docker: (operation: DockerOperation) => `docker ${operation}`,
  waitHealthy: 'wait healthy',
  cleanup: (project: string) => `cleanup ${project}`,
} as const;

/**
 * Attribute keys. The `container.*`, `process.exit.code` and `error.type` keys are the
 * OpenTelemetry semantic conventions (the container ones are still "incubating" there, so they are
 * copied here rather than imported from the unstable entry point, as the semconv package advises).
 */
export const ATTR = {
  containerId: 'container.id',
  containerName: 'container.name',
  containerImageName: 'container.image.name',
  processExitCode: 'process.exit.code',
  errorType: 'error.type',
  serviceName: 'service.name',
  runId: 'dockwright.run.id',
  project: 'dockwright.project',
  outcome: 'dockwright.outcome',
  nodeId: 'dockwright.node.id',
  nodeKind: 'dockwright.node.kind',
  phase: 'dockwright.task.phase',
  attempt: 'dockwright.attempt',
  maxAttempts: 'dockwright.attempt.max',
  action: 'dockwright.action',
  errorMessage: 'dockwright.error.message',
  dockerOperation: 'dockwright.docker.operation',
  dockerStatus: 'dockwright.docker.status_code',
  dockerNetwork: 'dockwright.docker.network',
  dockerVolume: 'dockwright.docker.volume',
  reason: 'dockwright.reason',
  retryDelayMs: 'dockwright.retry.delay_ms',
} as const;

/** Span event names. */
export const SPAN_EVENT = {
  retry: 'retry',
  skipped: 'skipped',
  cancelled: 'cancelled',
} as const;

/** The Docker API calls that are measured; the label `operation` takes exactly these values. */
export const DOCKER_OPERATIONS = [
  'container.create',
  'container.inspect',
  'container.start',
  'container.stop',
  'container.restart',
  'container.kill',
  'container.remove',
  'container.wait',
  'container.logs',
  'container.stats',
  'container.exec',
  'container.list',
  'exec.start',
  'exec.inspect',
  'network.create',
  'network.inspect',
  'network.remove',
  'network.connect',
  'network.disconnect',
  'network.list',
  'volume.create',
  'volume.inspect',
  'volume.remove',
  'volume.list',
  'image.inspect',
  'image.remove',
  'image.list',
  'image.build',
  'image.pull',
  'system.ping',
  'system.version',
  'system.info',
  'system.events',
] as const;
export type DockerOperation = (typeof DOCKER_OPERATIONS)[number];

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

/** Outcomes of a run or a node, as metric label values. */
export const OUTCOMES = ['succeeded', 'failed', 'cancelled', 'skipped'] as const;
export type Outcome = (typeof OUTCOMES)[number];
