import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { HistoryLimits } from '../../shared/ipc/contract';
import type { RunRecordSummary } from './run-history';
import { RUN_FILE_SUFFIXES } from './run-sidecars';

const DAY_MS = 24 * 3600_000;

/**
 * The runs to prune, given every run newest first: those past the newest `maxRuns`, and those
 * started more than `maxAgeDays` ago. A run still running (here or in another process) is kept.
 */
export function runsToPrune(runs: readonly RunRecordSummary[], limits: HistoryLimits, now: number): string[] {
  return runs
    .filter((run, index) => {
      if (run.state === 'running') return false;
      const age = now - Date.parse(run.startedAt);
      return index >= limits.maxRuns || age > limits.maxAgeDays * DAY_MS;
    })
    .map((run) => run.runId);
}

/** Removes each run's files under `<dataDir>/runs/` (its history and what is kept beside it). */
export async function removeRuns(dataDir: string, runIds: readonly string[]): Promise<void> {
  const dir = path.join(dataDir, 'runs');
  await Promise.all(
    runIds.flatMap((runId) =>
      RUN_FILE_SUFFIXES.map((suffix) => rm(path.join(dir, `${runId}${suffix}`), { force: true })),
    ),
  );
}
