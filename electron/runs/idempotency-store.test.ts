import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Clock } from '../common/clock';
import { silentLogger } from '../common/logger';
import { IDEMPOTENCY_TTL_MS, IdempotencyStore } from './idempotency-store';

const work = mkdtempSync(path.join(tmpdir(), 'dw-idem-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let files = 0;
function setup() {
  const file = path.join(work, `${files++}`, 'idempotency.json');
  let now = Date.UTC(2026, 0, 1, 10);
  const clock: Clock = { now: () => now, setTimeout: () => ({}), clearTimeout: () => undefined };
  const open = () => new IdempotencyStore({ file, clock, logger: silentLogger });
  return {
    file,
    open,
    at: () => new Date(now).toISOString(),
    advance: (ms: number) => (now += ms),
  };
}

describe('IdempotencyStore', () => {
  it('remembers a key across a restart (a new store on the same file)', async () => {
    const { file, open, at } = setup();
    const entry = { runId: 'run-1', requestHash: 'h1', at: at() };
    await open().put('k1', entry);
    expect(await open().get('k1')).toEqual(entry);
    expect(await open().get('other')).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, entries: { k1: entry } });
  });

  it('forgets a key after 24 hours, and drops it from the file at the next write', async () => {
    const { file, open, at, advance } = setup();
    const store = open();
    await store.put('old', { runId: 'run-1', requestHash: 'h1', at: at() });
    advance(IDEMPOTENCY_TTL_MS - 1);
    expect(await store.get('old')).toBeDefined();
    expect(await open().get('old')).toBeDefined();
    advance(1);
    expect(await store.get('old')).toBeUndefined();
    expect(await open().get('old')).toBeUndefined();
    await store.put('new', { runId: 'run-2', requestHash: 'h2', at: at() });
    const written = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(written.entries)).toEqual(['new']);
  });

  it('keeps the keys another process wrote to the same file', async () => {
    const { open, at } = setup();
    const mine = open();
    const theirs = open();
    await mine.put('a', { runId: 'run-a', requestHash: 'ha', at: at() });
    await theirs.put('b', { runId: 'run-b', requestHash: 'hb', at: at() });
    await mine.put('c', { runId: 'run-c', requestHash: 'hc', at: at() });
    const fresh = open();
    expect((await fresh.get('a'))?.runId).toBe('run-a');
    expect((await fresh.get('b'))?.runId).toBe('run-b');
    expect((await fresh.get('c'))?.runId).toBe('run-c');
  });

  it('reads a damaged file as empty and writes a good one over it', async () => {
    const { file, open, at } = setup();
    await open().put('a', { runId: 'run-a', requestHash: 'ha', at: at() });
    writeFileSync(file, '{"version": 1, "entr');
    const store = open();
    expect(await store.get('a')).toBeUndefined();
    await store.put('b', { runId: 'run-b', requestHash: 'hb', at: at() });
    expect((await open().get('b'))?.runId).toBe('run-b');
  });

  it('keeps a key in memory when the file cannot be written', async () => {
    const { at } = setup();
    const blocker = path.join(work, 'not-a-folder');
    writeFileSync(blocker, '');
    const clock: Clock = {
      now: () => Date.parse(at()),
      setTimeout: () => ({}),
      clearTimeout: () => undefined,
    };
    const store = new IdempotencyStore({
      file: path.join(blocker, 'idempotency.json'),
      clock,
      logger: silentLogger,
    });
    await store.put('k', { runId: 'run-1', requestHash: 'h', at: at() });
    expect((await store.get('k'))?.runId).toBe('run-1');
  });
});
