import type { RunSummary } from '../../shared/ipc/contract';
import type { ProjectLocks } from './project-locks';

/** What the lock's holder record calls a start and a cleanup in this process. */
export interface LockCommands {
  start: string;
  cleanup: string;
}

export interface ProjectGuardOptions {
  locks: ProjectLocks;
  commands: LockCommands;
  /** Whether a run of this process is running the project (it holds the lock). */
  runningHere: (project: string) => boolean;
  /** Resolves when the run reaches its final state. */
  finished: (runId: string) => Promise<unknown>;
}

/**
 * Holds the project lock while a run starts (until it reaches its final state) and while a
 * cleanup removes the project, so two processes never change one project at once.
 */
export class ProjectGuard {
  /** Locks of runs still starting, let go when their run reaches its final state. */
  private readonly releasing = new Set<Promise<void>>();

  constructor(private readonly options: ProjectGuardOptions) {}

  async start(project: string, begin: () => Promise<RunSummary>): Promise<RunSummary> {
    const { locks, commands, runningHere, finished } = this.options;
    // A run of this process holds the lock: the in-process rule (CONFLICT) answers, at once.
    const here = () => runningHere(project);
    if (here()) return begin();
    const lock = await locks.acquire(project, commands.start, { giveUp: here });
    if (!lock) return begin();
    let summary: RunSummary;
    try {
      summary = await begin();
    } catch (error) {
      await lock.release();
      throw error;
    }
    const released = finished(summary.runId)
      .catch(() => undefined)
      .then(() => lock.release());
    this.releasing.add(released);
    void released.finally(() => this.releasing.delete(released));
    return summary;
  }

  async cleanup<T>(project: string, work: () => Promise<T>): Promise<T> {
    const lock = await this.options.locks.acquire(project, this.options.commands.cleanup);
    try {
      return await work();
    } finally {
      await lock?.release();
    }
  }

  /** Resolves when the locks of runs that ended are gone (call after the runs ended). */
  async idle(): Promise<void> {
    await Promise.all([...this.releasing]);
    await this.options.locks.idle();
  }
}
