import type { HealthStatus, RunSummary } from '../../shared/ipc/contract';
import type { NotificationTarget } from '../../shared/topology/workflow-parts';
import type { Topology } from '../../shared/topology';
import type { Logger } from '../common/logger';
import type { NotifyService } from '../notify/notify-service';
import type { TargetSource } from '../notify/notify-message';

export interface NotifyHooksOptions {
  notify: NotifyService;
  logger: Logger;
  /** The settings' targets (every project). */
  settingsTargets: () => readonly NotificationTarget[];
  /** The topology a run ran: its own `spec.notifications`. */
  topologyOf: (runId: string) => Promise<Topology | undefined>;
}

type Targets = Array<{ target: NotificationTarget; source: TargetSource }>;

/**
 * What is worth a notification: a run that ended (succeeded, failed or cancelled), and a service
 * that turned unhealthy or that the monitor gave up on. Each goes to the settings' targets and to
 * those of the run's topology.
 */
export function notifyHooks(options: NotifyHooksOptions) {
  const targetsFor = async (runId: string): Promise<Targets> => {
    const topology = await options.topologyOf(runId).catch(() => undefined);
    return [
      ...options.settingsTargets().map((target) => ({ target, source: 'settings' as const })),
      ...(topology?.spec.notifications ?? []).map((target) => ({ target, source: 'topology' as const })),
    ];
  };
  const send = (work: () => Promise<void>) =>
    void work().catch((error: unknown) => options.logger.error({ err: error }, 'notification not queued'));

  return {
    runStatus(
      status: Omit<RunSummary, 'nodes'>,
      nodes: () => Promise<RunSummary['nodes'] | undefined>,
    ): void {
      if (status.state === 'running' || status.state === 'interrupted') return;
      send(async () => {
        const targets = await targetsFor(status.runId);
        if (targets.length === 0) return;
        const states = await nodes().catch(() => undefined);
        await options.notify.notify({
          event: 'run.ended',
          subject: status.runId,
          project: status.project,
          targets,
          body: {
            event: 'run.ended',
            at: status.finishedAt ?? new Date().toISOString(),
            project: status.project,
            run: status,
            ...(states
              ? {
                  nodes: Object.fromEntries(
                    Object.values(states).map((n) => [
                      n.nodeId,
                      { state: n.state, ...(n.error ? { error: n.error.message } : {}) },
                    ]),
                  ),
                }
              : {}),
          },
        });
      });
    },
    healthStatus(event: HealthStatus): void {
      const worse = event.state === 'unhealthy' || event.state === 'failed';
      const was = event.previous === 'unhealthy' || event.previous === 'failed';
      if (!worse || was) return;
      send(async () => {
        const targets = await targetsFor(event.runId);
        if (targets.length === 0) return;
        await options.notify.notify({
          event: 'service.unhealthy',
          subject: `${event.runId}/${event.nodeId}/${event.since}`,
          project: event.project,
          targets,
          body: {
            event: 'service.unhealthy',
            at: event.since,
            project: event.project,
            runId: event.runId,
            service: event.nodeId,
            state: event.state,
            ...(event.reason ? { reason: event.reason } : {}),
            restarts: event.restarts,
          },
        });
      });
    },
  };
}
