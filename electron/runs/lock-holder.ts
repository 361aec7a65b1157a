import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { z } from 'zod';
import { writeFileAtomic } from '../common/atomic-write';

/** Who holds a project lock, written beside it (`<project>.holder.json`) for the ones who wait. */
export const LockHolder = z.object({
  project: z.string(),
  /** What it is doing: `up`, `down` (the CLI), `Run`, `Clean up` (the app, the web mode). */
  command: z.string(),
  pid: z.number().int(),
  hostname: z.string(),
  since: z.iso.datetime(),
  /** Tells this holding from an earlier one of the same process. */
  token: z.string(),
});
export type LockHolder = z.infer<typeof LockHolder>;

/** The holder's record, or undefined when there is none (being released, or never written). */
export async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    return LockHolder.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return undefined;
  }
}

export function writeHolder(file: string, holder: LockHolder): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(holder) + '\n');
}

/** Removes the record if it is still this holding's (a taker-over may have written its own). */
export async function removeHolder(file: string, token: string): Promise<void> {
  const current = await readHolder(file);
  if (current?.token === token) await rm(file, { force: true });
}

/** Whether a process with this id exists on this machine (EPERM: it exists, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A holder that died: on this machine, and its process is gone. Other machines' are judged by age. */
export function holderDied(holder: LockHolder, alive: (pid: number) => boolean = processAlive): boolean {
  return holder.hostname === os.hostname() && holder.pid !== process.pid && !alive(holder.pid);
}

/** "up by pid 4242 since 2026-01-01T10:00:00.000Z", or less when nobody is recorded. */
export function describeHolder(holder: LockHolder | undefined): string {
  if (!holder) return 'another process is changing it';
  const where = holder.hostname === os.hostname() ? '' : ` on ${holder.hostname}`;
  return `${holder.command} by pid ${holder.pid}${where} since ${holder.since}`;
}
