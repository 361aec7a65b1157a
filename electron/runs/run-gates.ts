import path from 'node:path';
import type { RunSummary } from '../../shared/ipc/contract';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import { IdempotencyStore } from './idempotency-store';
import { ProjectGuard, type LockCommands } from './project-guard';
import { ProjectLocks } from './project-locks';
import { RunIntents } from './run-intents';

/** How starts and cleanups are gated: idempotency keys, and one writer per project. */
export interface RunGateOptions {
  locks?: {
    /** Where project locks live (default `<data dir>/locks`; the app and the CLI pass a shared one). */
    dir?: string;
    /** How long a second writer waits before PROJECT_BUSY (default 10 s). */
    waitMs?: number;
    /** What the holder record calls a start and a cleanup (default `Run`, `Clean up`). */
    commands?: Partial<LockCommands>;
  };
  /** How long idempotency keys are remembered (default 24 h). */
  idempotencyTtlMs?: number;
}

export interface RunGateHooks {
  runningHere: (project: string) => boolean;
  finished: (runId: string) => Promise<unknown>;
  lookup: (runId: string) => Promise<RunSummary>;
}

export function createRunGates(
  options: RunGateOptions & { dataDir: string; clock: Clock; logger: Logger },
  hooks: RunGateHooks,
): { intents: RunIntents; guard: ProjectGuard } {
  const { dataDir, clock, logger } = options;
  const store = new IdempotencyStore({
    file: path.join(dataDir, 'idempotency.json'),
    clock,
    logger,
    ...(options.idempotencyTtlMs !== undefined ? { ttlMs: options.idempotencyTtlMs } : {}),
  });
  const locks = new ProjectLocks({
    dir: options.locks?.dir ?? path.join(dataDir, 'locks'),
    clock,
    logger,
    ...(options.locks?.waitMs !== undefined ? { waitMs: options.locks.waitMs } : {}),
  });
  const commands = { start: 'Run', cleanup: 'Clean up', ...options.locks?.commands };
  return {
    intents: new RunIntents({ store, clock, logger, lookup: hooks.lookup }),
    guard: new ProjectGuard({ locks, commands, runningHere: hooks.runningHere, finished: hooks.finished }),
  };
}
