import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import type { Clock } from '../common/clock';
import { silentLogger } from '../common/logger';
import { topology } from '../testing/topologies';
import { IDEMPOTENCY_TTL_MS, IdempotencyStore } from './idempotency-store';
import { RunIntents } from './run-intents';

const work = mkdtempSync(path.join(tmpdir(), 'dw-intents-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const spec = topology('shop', { web: { kind: 'service', image: 'nginx' } });
const other = topology('shop', { web: { kind: 'service', image: 'httpd' } });

let dirs = 0;
/** A process: its RunIntents over the store file; `restart()` is a new process on the same file. */
function setup() {
  const file = path.join(work, `${dirs++}`, 'idempotency.json');
  let now = Date.UTC(2026, 0, 1, 10);
  const clock: Clock = { now: () => now, setTimeout: () => ({}), clearTimeout: () => undefined };
  const runs = new Map<string, RunSummary>();
  let started = 0;
  const begin = async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const runId = `run-${++started}`;
    const summary: RunSummary = {
      runId,
      project: 'shop',
      idempotencyKey: 'k',
      state: 'running',
      startedAt: new Date(now).toISOString(),
      nodes: {},
    };
    runs.set(runId, summary);
    return structuredClone(summary);
  };
  const open = () =>
    new RunIntents({
      store: new IdempotencyStore({ file, clock, logger: silentLogger }),
      clock,
      logger: silentLogger,
      lookup: (runId) => {
        const run = runs.get(runId);
        return run
          ? Promise.resolve(structuredClone(run))
          : Promise.reject(new ApiError('NOT_FOUND', `no run ${runId}`));
      },
    });
  return { open, begin, runs, started: () => started, advance: (ms: number) => (now += ms) };
}

describe('RunIntents', () => {
  it('starts one run for duplicates that arrive together, and answers later ones with it', async () => {
    const { open, begin, started } = setup();
    const intents = open();
    const request = { topology: spec, idempotencyKey: 'k' };
    const [a, b] = await Promise.all([intents.start(request, begin), intents.start(request, begin)]);
    expect(started()).toBe(1);
    expect(b.runId).toBe(a.runId);
    expect((await intents.start(request, begin)).runId).toBe(a.runId);
    expect(started()).toBe(1);
  });

  it('answers with the run as it is now (a run in progress, then finished)', async () => {
    const { open, begin, runs } = setup();
    const intents = open();
    const request = { topology: spec, idempotencyKey: 'k' };
    const first = await intents.start(request, begin);
    runs.get(first.runId)!.state = 'succeeded';
    expect((await intents.start(request, begin)).state).toBe('succeeded');
  });

  it('refuses a known key with a different request: in flight, after, and after a restart', async () => {
    const { open, begin, started } = setup();
    const intents = open();
    const first = intents.start({ topology: spec, idempotencyKey: 'k' }, begin);
    const clash = intents.start({ topology: other, idempotencyKey: 'k' }, begin);
    await expect(clash).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    const run = await first;
    for (const request of [
      { topology: other, idempotencyKey: 'k' },
      { topology: spec, idempotencyKey: 'k', project: 'elsewhere' },
      { topology: spec, idempotencyKey: 'k', baseDir: '/srv' },
      { topology: spec, idempotencyKey: 'k', profiles: ['debug'] },
    ]) {
      await expect(intents.start(request, begin)).rejects.toMatchObject({
        code: 'IDEMPOTENCY_CONFLICT',
        details: { idempotencyKey: 'k', runId: run.runId },
      });
    }
    await expect(open().start({ topology: other, idempotencyKey: 'k' }, begin)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
    });
    expect(started()).toBe(1);
  });

  it('takes the same intent with another consent, profiles in another order, or keys in another order', async () => {
    const { open, begin, started } = setup();
    const intents = open();
    const first = await intents.start({ topology: spec, idempotencyKey: 'k', profiles: ['a', 'b'] }, begin);
    const { apiVersion, kind, metadata, spec: body } = spec;
    const reordered = { spec: body, metadata, kind, apiVersion };
    const again = await intents.start(
      { topology: reordered, idempotencyKey: 'k', profiles: ['b', 'a', 'a'], consent: 'fingerprint' },
      begin,
    );
    expect(again.runId).toBe(first.runId);
    expect(started()).toBe(1);
  });

  it('remembers keys across a restart for 24 hours, then a key starts a new run', async () => {
    const { open, begin, started, advance } = setup();
    const request = { topology: spec, idempotencyKey: 'k' };
    const first = await open().start(request, begin);
    advance(IDEMPOTENCY_TTL_MS - 1000);
    expect((await open().start(request, begin)).runId).toBe(first.runId);
    advance(1000);
    const later = await open().start({ topology: other, idempotencyKey: 'k' }, begin);
    expect(later.runId).not.toBe(first.runId);
    expect(started()).toBe(2);
  });

  it('does not keep a key whose start failed: the retry starts', async () => {
    const { open, begin, started } = setup();
    const intents = open();
    const request = { topology: spec, idempotencyKey: 'k' };
    await expect(
      intents.start(request, () => Promise.reject(new ApiError('PROJECT_BUSY', 'busy'))),
    ).rejects.toMatchObject({ code: 'PROJECT_BUSY' });
    await intents.start(request, begin);
    expect(started()).toBe(1);
  });

  it('starts afresh when the run a key names is gone from the history', async () => {
    const { open, begin, runs, started } = setup();
    const intents = open();
    const request = { topology: spec, idempotencyKey: 'k' };
    const first = await intents.start(request, begin);
    runs.delete(first.runId);
    expect((await intents.start(request, begin)).runId).not.toBe(first.runId);
    expect(started()).toBe(2);
  });
});
