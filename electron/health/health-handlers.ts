import type { Handlers } from '../../shared/ipc/dispatcher';
import { ApiError } from '../../shared/ipc/errors';
import type { HealthSummary } from '../../shared/ipc/health-contract';
import type { RunService } from '../runs/run-service';
import type { HealthMonitor } from './health-monitor';
import { summaryFromHistory } from './history-summary';

type HealthChannel = Extract<keyof Handlers, `health.${string}` | `chaos.${string}`>;

/**
 * The `health.*` and `chaos.*` channels. A project or run nobody watches now is answered from
 * the run history (`monitoring: false`).
 */
export function healthHandlers(health: HealthMonitor, runs: RunService): Pick<Handlers, HealthChannel> {
  const fromHistory = async (query: { runId?: string; project?: string }): Promise<HealthSummary> => {
    let runId = query.runId;
    let project = query.project;
    if (runId === undefined) {
      runId = (await runs.list()).find((run) => run.project === project)?.runId;
      if (runId === undefined) throw new ApiError('NOT_FOUND', `no run of project ${project} is known`);
    } else {
      const run = await runs.get(runId);
      if (project !== undefined && run.project !== project)
        throw new ApiError('NOT_FOUND', `run ${runId} is not a run of project ${project}`);
      project = run.project;
    }
    return summaryFromHistory(project!, runId, await runs.records(runId));
  };
  return {
    'health.get': (query) => health.get(query) ?? fromHistory(query),
    'health.list': () => health.list(),
    'chaos.kill': ({ project, nodeId }) => health.kill(project, nodeId),
  };
}
