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
  'container.archive.put',
  'container.archive.get',
  'container.archive.stat',
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
  'system.df',
  'service.list',
  'service.create',
  'service.inspect',
  'service.update',
  'service.remove',
  'service.logs',
  'task.list',
  'node.list',
  'secret.list',
  'secret.create',
  'secret.remove',
  'config.list',
  'config.create',
  'config.remove',
] as const;
export type DockerOperation = (typeof DOCKER_OPERATIONS)[number];

// The metric names live in shared/ so that the renderer's Metrics panel charts the same ones.
export { METRIC, METRIC_PREFIX } from '../../shared/telemetry/metric-names';

/** Outcomes of a run or a node, as metric label values. */
export const OUTCOMES = ['succeeded', 'failed', 'cancelled', 'skipped'] as const;
export type Outcome = (typeof OUTCOMES)[number];
