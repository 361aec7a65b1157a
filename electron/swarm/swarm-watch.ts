import type { NodeRunStateName } from '../../shared/ipc/contract';
import type { HealthStateName, HealthStatus } from '../../shared/ipc/health-contract';
import type { Logger } from '../common/logger';
import type { DockerClient, ServiceInspect, TaskInspect } from '../docker/docker-client';
import { LABELS } from '../docker/labels';
import type { TargetWatch } from '../runs/run-target';
import { swarmProjectFilter } from './swarm-labels';
import { taskProgress, type TaskProgress } from './task-progress';

export interface SwarmWatchOptions extends TargetWatch {
  readonly client: DockerClient;
  readonly logger: Logger;
  readonly onHealth?: (event: HealthStatus) => void;
  readonly intervalMs?: number;
}

interface Seen {
  counts: string;
  health: HealthStateName;
  since: string;
  /** Failed tasks seen since the watch began: Swarm replaced each one. */
  restarts: number;
}

const desiredOf = (service: ServiceInspect): number => service.Spec.Mode?.Replicated?.Replicas ?? 1;

/**
 * Watches a Swarm deploy's services after the run brought them up, from the Swarm's own task
 * states: a service is healthy when every wanted task runs (and, with a healthcheck, is healthy —
 * Swarm keeps such a task `starting` until it passes). The counts go to the node's run state (the
 * canvas's "2/3 running"), the verdict to the health events. Nothing is restarted here: Swarm
 * replaces failed tasks itself.
 */
export class SwarmWatch {
  private readonly seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly startedMs = Date.now();

  constructor(private readonly options: SwarmWatchOptions) {}

  start(): () => void {
    void this.poll();
    return () => this.stop();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async poll(): Promise<void> {
    try {
      await this.look();
    } catch (error) {
      this.options.logger.debug({ err: error, project: this.options.project }, 'swarm watch: could not look');
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), this.options.intervalMs ?? 2_000);
    this.timer.unref?.();
  }

  private async look(): Promise<void> {
    const { client, project, topology } = this.options;
    const services = (await client.listServices({ filters: swarmProjectFilter(project) })).filter(
      (s) => topology.spec.nodes[s.Spec.Labels?.[LABELS.node] ?? '']?.kind === 'service',
    );
    if (services.length === 0 || this.stopped) return;
    const tasks = await client.listTasks({ filters: { service: services.map((s) => s.ID) } });
    if (this.stopped) return;
    for (const service of services) {
      const nodeId = service.Spec.Labels?.[LABELS.node] ?? '';
      const own = tasks.filter((task) => task.ServiceID === service.ID);
      this.report(nodeId, service, own);
    }
  }

  private report(nodeId: string, service: ServiceInspect, tasks: readonly TaskInspect[]): void {
    const node = this.options.topology.spec.nodes[nodeId];
    const hasHealthcheck =
      node?.kind === 'service' && node.healthcheck !== undefined && node.healthcheck.disable !== true;
    const progress = taskProgress(tasks, {
      condition: hasHealthcheck ? 'healthy' : 'started',
      desired: desiredOf(service),
      hash: service.Spec.Labels?.[LABELS.configHash] ?? '',
      hasHealthcheck,
      sinceMs: this.startedMs,
    });
    const failures = tasks.filter(
      (t) =>
        ['failed', 'rejected'].includes(t.Status.State) && Date.parse(t.CreatedAt ?? '') >= this.startedMs,
    ).length;
    const at = new Date().toISOString();
    const counts = `${progress.running}/${progress.desired}`;
    const previous = this.seen.get(nodeId);
    const health = healthOf(progress);
    if (previous?.counts !== counts) {
      const state: NodeRunStateName = progress.reached
        ? hasHealthcheck
          ? 'healthy'
          : 'running'
        : 'starting';
      this.options.onNode({
        nodeId,
        state,
        at,
        tasks: { running: progress.running, desired: progress.desired },
        ...(progress.reached ? {} : { reason: describe(progress) }),
      });
    }
    if (previous?.health !== health || previous.restarts !== failures) {
      this.options.onHealth?.({
        runId: this.options.runId,
        project: this.options.project,
        nodeId,
        state: health,
        ...(previous ? { previous: previous.health } : {}),
        since: previous?.health === health ? previous.since : at,
        reason: describe(progress),
        restarts: failures,
      });
    }
    this.seen.set(nodeId, {
      counts,
      health,
      since: previous?.health === health ? previous.since : at,
      restarts: failures,
    });
  }
}

function healthOf(progress: TaskProgress): HealthStateName {
  if (progress.reached) return 'healthy';
  return progress.running === 0 ? 'unhealthy' : 'degraded';
}

function describe(progress: TaskProgress): string {
  const base = `${progress.running}/${progress.desired} tasks running`;
  if (progress.reached) return base;
  return `${base}; Swarm replaces failed tasks itself${progress.lastError ? ` (last: ${progress.lastError})` : ''}`;
}
