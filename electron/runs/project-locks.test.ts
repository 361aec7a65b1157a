import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultLockDir } from '../common/data-dir';
import { systemClock } from '../common/clock';
import { silentLogger } from '../common/logger';
import { readHolder, writeHolder } from './lock-holder';
import { lockWaitFrom, ProjectLocks } from './project-locks';

const work = mkdtempSync(path.join(tmpdir(), 'dw-locks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let dirs = 0;
/** Two processes' worth of locks on one folder (each ProjectLocks stands for one process). */
function setup(waitMs = 300, alive?: (pid: number) => boolean) {
  const dir = path.join(work, `${dirs++}`);
  const open = () =>
    new ProjectLocks({ dir, clock: systemClock, logger: silentLogger, waitMs, ...(alive ? { alive } : {}) });
  return { dir, open };
}

describe('ProjectLocks', () => {
  it('records the holder beside the lock and removes both on release', async () => {
    const { dir, open } = setup();
    const lock = await open().acquire('shop', 'up');
    expect(lock?.holder).toMatchObject({
      project: 'shop',
      command: 'up',
      pid: process.pid,
      hostname: os.hostname(),
    });
    expect(await readHolder(path.join(dir, 'shop.holder.json'))).toEqual(lock?.holder);
    expect(existsSync(path.join(dir, 'shop.lock'))).toBe(true);
    await lock?.release();
    expect(existsSync(path.join(dir, 'shop.lock'))).toBe(false);
    expect(existsSync(path.join(dir, 'shop.holder.json'))).toBe(false);
  });

  it('makes a second writer wait its bounded time, then PROJECT_BUSY naming the holder', async () => {
    const { open } = setup(300);
    const first = await open().acquire('shop', 'up');
    const started = Date.now();
    const second = open().acquire('shop', 'Clean up');
    await expect(second).rejects.toMatchObject({
      code: 'PROJECT_BUSY',
      message: `project shop is busy: up by pid ${process.pid} since ${first!.holder.since}`,
      details: {
        project: 'shop',
        command: 'up',
        pid: process.pid,
        since: first!.holder.since,
        waitedMs: 300,
      },
    });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(2000);
    // Other projects are not held up.
    const elsewhere = await open().acquire('cafe', 'Run');
    await elsewhere?.release();
    await first?.release();
  });

  it('lets the waiter in as soon as the holder releases', async () => {
    const { open } = setup(5000);
    const first = await open().acquire('shop', 'up');
    const second = open().acquire('shop', 'down');
    setTimeout(() => void first?.release(), 200);
    const lock = await second;
    expect(lock?.holder.command).toBe('down');
    await lock?.release();
  });

  it('takes over the lock of a holder that died, without waiting out the stale time', async () => {
    const { dir, open } = setup(5000, (pid) => pid !== 999_999);
    mkdirSync(path.join(dir, 'shop.lock'), { recursive: true });
    const lastTouched = new Date(Date.now() - 4000);
    utimesSync(path.join(dir, 'shop.lock'), lastTouched, lastTouched);
    await writeHolder(path.join(dir, 'shop.holder.json'), {
      project: 'shop',
      command: 'up',
      pid: 999_999,
      hostname: os.hostname(),
      since: new Date().toISOString(),
      token: 'dead',
    });
    const started = Date.now();
    const lock = await open().acquire('shop', 'Run');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(lock?.holder.command).toBe('Run');
    await lock?.release();
  });

  it('takes over a lock nobody refreshed for the stale time, whoever it names', async () => {
    const { dir, open } = setup(2000);
    mkdirSync(path.join(dir, 'shop.lock'), { recursive: true });
    const old = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, 'shop.lock'), old, old);
    const lock = await open().acquire('shop', 'Run');
    expect(lock).toBeDefined();
    await lock?.release();
  });

  it('gives up without the lock when asked to, while it waits', async () => {
    const { open } = setup(5000);
    const first = await open().acquire('shop', 'Run');
    let done = false;
    setTimeout(() => (done = true), 150);
    expect(await open().acquire('shop', 'Run', { giveUp: () => done })).toBeUndefined();
    await first?.release();
  });
});

describe('where locks live and how long one waits', () => {
  it('in the default data directory whatever --data-dir says, or DOCKWRIGHT_LOCK_DIR', () => {
    expect(defaultLockDir({ XDG_CONFIG_HOME: '/home/a/.config', HOME: '/home/a' })).toBe(
      process.platform === 'linux'
        ? '/home/a/.config/Dockwright/locks'
        : expect.stringMatching(/Dockwright.locks$/),
    );
    expect(defaultLockDir({ DOCKWRIGHT_LOCK_DIR: '/run/dw-locks' })).toBe('/run/dw-locks');
  });

  it('10 s unless DOCKWRIGHT_LOCK_WAIT says otherwise (a duration or seconds)', () => {
    expect(lockWaitFrom({})).toBe(10_000);
    expect(lockWaitFrom({ DOCKWRIGHT_LOCK_WAIT: '30s' })).toBe(30_000);
    expect(lockWaitFrom({ DOCKWRIGHT_LOCK_WAIT: '2.5' })).toBe(2500);
    expect(lockWaitFrom({ DOCKWRIGHT_LOCK_WAIT: '0' })).toBe(0);
    expect(lockWaitFrom({ DOCKWRIGHT_LOCK_WAIT: 'soon' })).toBe(10_000);
  });
});
