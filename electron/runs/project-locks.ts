import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { ApiError } from '../../shared/ipc/errors';
import { durationMs } from '../../shared/text/durations';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import { ensurePrivateDir, PRIVATE_DIR_MODE } from '../common/private-files';
import {
  describeHolder,
  holderDied,
  readHolder,
  removeHolder,
  writeHolder,
  type LockHolder,
} from './lock-holder';

/** How long a second writer waits by default before it gives up with PROJECT_BUSY. */
export const LOCK_WAIT_MS = 10_000;
/** A holder refreshes its lock's mtime every second; one not refreshed this long has died. */
const STALE_MS = 10_000;
const UPDATE_MS = 1_000;
/** A holder known dead (its process is gone) is taken over once its lock is this old (proper-lockfile's least). */
const DEAD_STALE_MS = 2_000;
const POLL_MS = 100;

/** proper-lockfile's file system, with its lock folders made private (0700) like the rest. */
const privateLockFs = {
  ...fs,
  mkdir: (dir: string, callback: (error: NodeJS.ErrnoException | null) => void) =>
    fs.mkdir(dir, PRIVATE_DIR_MODE, callback),
};

export interface ProjectLocksOptions {
  /** The folder of the locks (`<project>.lock`) and their holders (`<project>.holder.json`). */
  dir: string;
  clock: Clock;
  logger: Logger;
  /** How long `acquire` waits for another holder; then PROJECT_BUSY. */
  waitMs?: number;
  /** Whether a process exists (tests stand in for dead holders). */
  alive?: (pid: number) => boolean;
}

/** The lock wait a process uses: `DOCKWRIGHT_LOCK_WAIT` (`30s`, `500ms`, or seconds), else 10 s. */
export function lockWaitFrom(env: Readonly<Record<string, string | undefined>>): number {
  const given = env.DOCKWRIGHT_LOCK_WAIT?.trim();
  if (!given) return LOCK_WAIT_MS;
  const ms = /^\d+(\.\d+)?$/.test(given) ? Number(given) * 1000 : durationMs(given);
  return ms === undefined ? LOCK_WAIT_MS : ms;
}

export interface ProjectLock {
  readonly holder: LockHolder;
  /** Lets the lock go; never throws (a failure is logged, and the lock goes stale). */
  release(): Promise<void>;
}

function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

/**
 * One writer per project across processes: a lock directory made atomically (proper-lockfile),
 * kept fresh while held, taken over when its holder died, with a record of who holds it beside it.
 */
export class ProjectLocks {
  private readonly waitMs: number;
  private readonly releasing = new Set<Promise<void>>();

  constructor(private readonly options: ProjectLocksOptions) {
    this.waitMs = options.waitMs ?? LOCK_WAIT_MS;
  }

  /**
   * Takes the project's lock for `command`, waiting up to the wait time for another holder
   * (PROJECT_BUSY then). Resolves undefined, without the lock, as soon as `giveUp()` says so.
   */
  async acquire(
    project: string,
    command: string,
    options: { giveUp?: () => boolean } = {},
  ): Promise<ProjectLock | undefined> {
    const { clock, dir } = this.options;
    const target = path.join(dir, project);
    const holderFile = `${target}.holder.json`;
    await ensurePrivateDir(dir);
    const deadline = clock.now() + this.waitMs;
    for (;;) {
      if (options.giveUp?.()) return undefined;
      const before = await readHolder(holderFile);
      const died = before !== undefined && holderDied(before, this.options.alive);
      try {
        const unlock = await lockfile.lock(target, {
          lockfilePath: `${target}.lock`,
          fs: privateLockFs,
          realpath: false,
          stale: died ? DEAD_STALE_MS : STALE_MS,
          update: UPDATE_MS,
          onCompromised: (error) =>
            this.options.logger.warn({ err: error, project }, 'the project lock was taken over'),
        });
        return await this.held(project, command, holderFile, unlock);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      }
      if (clock.now() >= deadline) {
        const holder = (await readHolder(holderFile)) ?? before;
        throw new ApiError('PROJECT_BUSY', `project ${project} is busy: ${describeHolder(holder)}`, {
          project,
          ...(holder
            ? { command: holder.command, pid: holder.pid, hostname: holder.hostname, since: holder.since }
            : {}),
          waitedMs: this.waitMs,
        });
      }
      await sleep(clock, Math.min(POLL_MS, Math.max(0, deadline - clock.now())));
    }
  }

  /** Resolves when every release begun so far has finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.releasing]);
  }

  private async held(
    project: string,
    command: string,
    holderFile: string,
    unlock: () => Promise<void>,
  ): Promise<ProjectLock> {
    const holder: LockHolder = {
      project,
      command,
      pid: process.pid,
      hostname: os.hostname(),
      since: new Date(this.options.clock.now()).toISOString(),
      token: randomBytes(8).toString('hex'),
    };
    try {
      await writeHolder(holderFile, holder);
    } catch (error) {
      this.options.logger.warn({ err: error, project }, 'could not record the project lock holder');
    }
    let released: Promise<void> | undefined;
    const release = () => {
      const warn = (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ERELEASED') return;
        this.options.logger.warn({ err: error, project }, 'could not release the project lock');
      };
      released ??= this.track(
        removeHolder(holderFile, holder.token)
          .catch(warn)
          .then(() => unlock())
          .catch(warn),
      );
      return released;
    };
    return { holder, release };
  }

  private track(release: Promise<void>): Promise<void> {
    this.releasing.add(release);
    void release.finally(() => this.releasing.delete(release));
    return release;
  }
}
