import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import { systemClock } from '../common/clock';
import { silentLogger } from '../common/logger';
import { ProjectGuard } from './project-guard';
import { ProjectLocks } from './project-locks';

const work = mkdtempSync(path.join(tmpdir(), 'dw-guard-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const summary = (runId: string): RunSummary => ({
  runId,
  project: 'shop',
  idempotencyKey: runId,
  state: 'running',
  startedAt: new Date().toISOString(),
  nodes: {},
});

let dirs = 0;
function setup() {
  const dir = path.join(work, `${dirs++}`);
  const running = new Set<string>();
  const ends = new Map<string, () => void>();
  const guard = (command: string) =>
    new ProjectGuard({
      locks: new ProjectLocks({ dir, clock: systemClock, logger: silentLogger, waitMs: 300 }),
      commands: { start: command, cleanup: 'down' },
      runningHere: (project) => running.has(project),
      finished: (runId) => new Promise<void>((resolve) => ends.set(runId, resolve)),
    });
  const locked = () => existsSync(path.join(dir, 'shop.lock'));
  return { guard, running, ends, locked };
}

describe('ProjectGuard', () => {
  it('holds the lock from the start until the run reaches its final state', async () => {
    const { guard, ends, locked } = setup();
    const app = guard('Run');
    await app.start('shop', () => Promise.resolve(summary('r1')));
    expect(locked()).toBe(true);
    await expect(guard('up').start('shop', () => Promise.resolve(summary('r2')))).rejects.toMatchObject({
      code: 'PROJECT_BUSY',
      details: { command: 'Run' },
    });
    ends.get('r1')!();
    await app.idle();
    expect(locked()).toBe(false);
  });

  it('lets the lock go when the start fails', async () => {
    const { guard, locked } = setup();
    await expect(
      guard('Run').start('shop', () => Promise.reject(new ApiError('INVALID_INPUT', 'bad'))),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(locked()).toBe(false);
  });

  it('leaves a project this process is running to the in-process rule, without waiting', async () => {
    const { guard, running } = setup();
    const app = guard('Run');
    await app.start('shop', () => Promise.resolve(summary('r1')));
    running.add('shop');
    const started = Date.now();
    await expect(
      app.start('shop', () => Promise.reject(new ApiError('CONFLICT', 'project shop is already running'))),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    // At once: not after the lock wait (seconds).
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('holds the lock during a cleanup, and a start elsewhere waits for it', async () => {
    const { guard, locked } = setup();
    let inside = false;
    await guard('down').cleanup('shop', async () => {
      inside = locked();
      await expect(guard('Run').start('shop', () => Promise.resolve(summary('r1')))).rejects.toMatchObject({
        code: 'PROJECT_BUSY',
        message: expect.stringMatching(/^project shop is busy: down by pid \d+ since /) as unknown,
      });
    });
    expect(inside).toBe(true);
    expect(locked()).toBe(false);
  });
});
