import { randomBytes } from 'node:crypto';
import type { RerunInput, RunSummary } from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import { rerunNodes } from './rerun-plan';
import type { KeptRequest } from './run-request-store';
import type { StartOptions, StartRequest } from './run-service';

/** What a rerun reads of the history. */
export interface RerunSource {
  get(runId: string): Promise<RunSummary>;
  /** Every run, newest first. */
  list(): Promise<RunSummary[]>;
  requestOf(runId: string): Promise<KeptRequest | undefined>;
}

/** Where a rerun's environment comes from, when not the service's own. */
export interface RerunEnvironment {
  /**
   * The environment for a rerun of a run kept with `baseDir` (its topology's folder, when it knew
   * one): `dockwright rerun` reads that folder's `.env` again, as `up` read it.
   */
  envFor?: (baseDir: string | undefined) => Readonly<Record<string, string | undefined>>;
}

/** The run a rerun reruns: the one named, or the project's newest. */
async function runToRerun(input: RerunInput, source: RerunSource): Promise<RunSummary> {
  if (input.runId !== undefined) return source.get(input.runId);
  const last = (await source.list()).find((run) => run.project === input.project);
  if (!last) throw new ApiError('NOT_FOUND', `project ${input.project} has no run to rerun`);
  return last;
}

/**
 * Turns `runs.rerun` into a start: the earlier run's topology (as it ran), folder and target,
 * its nodes to run again (jobs run even when unchanged and done, services restarted), with the
 * trigger `rerun`. Everything else converges as in any run: an unchanged service that runs is
 * kept, a job that succeeded with the same configuration is not run again.
 */
export async function rerunStart(
  input: RerunInput,
  source: RerunSource,
  how: RerunEnvironment = {},
): Promise<{ request: StartRequest; options: StartOptions }> {
  const run = await runToRerun(input, source);
  if (run.state === 'running')
    throw new ApiError(
      'CONFLICT',
      `run ${run.runId} of ${run.project} is still running; wait for it or cancel it`,
      {
        runId: run.runId,
      },
    );
  const kept = await source.requestOf(run.runId);
  if (!kept)
    throw new ApiError(
      'NOT_FOUND',
      `run ${run.runId} kept no topology to rerun (runs before Dockwright kept them, or pruned): run the topology again instead`,
      { runId: run.runId },
    );
  const nodes = rerunNodes(kept.topology, run, input.from);
  const request: StartRequest = {
    topology: kept.topology,
    idempotencyKey: input.idempotencyKey ?? `rerun-${run.runId}-${randomBytes(6).toString('hex')}`,
    project: run.project,
    // The kept topology is the earlier run's selection: every node of it runs.
    profiles: ['*'],
    ...(kept.baseDir ? { baseDir: kept.baseDir } : {}),
    ...(kept.target ? { target: kept.target } : {}),
    ...(input.consent ? { consent: input.consent } : {}),
  };
  return {
    request,
    options: {
      trigger: 'rerun',
      rerun: nodes,
      rerunOf: { of: run.runId, ...(input.from ? { from: input.from } : {}) },
      ...(how.envFor ? { env: how.envFor(kept.baseDir) } : {}),
    },
  };
}
