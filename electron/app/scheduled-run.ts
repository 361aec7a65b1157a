import { createHash } from 'node:crypto';
import { subgraphOf } from '../../shared/topology/subgraph';
import type { RunService } from '../runs/run-service';
import { consentRequest } from '../runs/run-consent';
import type { ScheduledJob, TickRun } from '../schedule/job-scheduler';

/** One key per job and tick: two processes scheduling the same project start the tick once. */
export function tickKey(job: Pick<ScheduledJob, 'project' | 'nodeId'>, tickAt: number): string {
  const key = `schedule-${job.project}-${job.nodeId}-${tickAt}`;
  if (key.length <= 128) return key;
  const digest = createHash('sha256').update(`${job.project}\n${job.nodeId}`).digest('hex').slice(0, 24);
  return `schedule-${digest}-${tickAt}`;
}

/**
 * A tick of a scheduled job: a run of the job and what it depends on (converged, so what is up
 * stays as it is), with the job run again even though it is unchanged. The topology ran before, so
 * its dangerous settings, if any, were agreed to: the part's fingerprint goes along.
 */
export async function startScheduledRun(
  runs: RunService,
  job: ScheduledJob,
  tickAt: number,
): Promise<TickRun> {
  const topology = subgraphOf(job.topology, job.nodeId);
  const base = job.baseDir ? { baseDir: job.baseDir } : {};
  const { settings, fingerprint } = await consentRequest(topology, base);
  const summary = await runs.start(
    {
      topology,
      idempotencyKey: tickKey(job, tickAt),
      project: job.project,
      ...base,
      ...(settings.length > 0 ? { consent: fingerprint } : {}),
    },
    { trigger: 'schedule', rerun: [job.nodeId] },
  );
  return { runId: summary.runId, done: runs.wait(summary.runId) };
}
