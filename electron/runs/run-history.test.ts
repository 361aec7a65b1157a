import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MASK, SecretValues } from '../common/secret-values';
import { RunHistory, type HistoryRecord } from './run-history';

const dirs: string[] = [];
const history = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-history-'));
  dirs.push(dir);
  return { dir, history: new RunHistory(dir) };
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const started = (runId: string, at: string): HistoryRecord => ({
  type: 'run.started',
  runId,
  project: 'p',
  idempotencyKey: `k-${runId}`,
  at,
  nodes: ['a'],
});

describe('RunHistory', () => {
  it('writes private files, with known secret values masked', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dw-history-'));
    dirs.push(dir);
    const secrets = new SecretValues();
    secrets.add('canary-7f3a9c');
    const h = new RunHistory(dir, () => true, secrets);
    await h.append('r1', {
      type: 'node',
      at: '2026-11-28T10:00:01.000Z',
      nodeId: 'a',
      state: 'failed',
      error: { kind: 'fatal', message: 'invalid value "canary-7f3a9c"' },
    });
    const file = path.join(dir, 'runs', 'r1.jsonl');
    expect(readFileSync(file, 'utf8')).not.toContain('canary-7f3a9c');
    expect(await h.read('r1')).toMatchObject([{ error: { message: `invalid value "${MASK}"` } }]);
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    }
  });

  it('appends records and summarises runs, newest first', async () => {
    const { history: h } = history();
    await h.append('r1', started('r1', '2026-11-28T10:00:00.000Z'));
    await h.append('r1', { type: 'node', at: '2026-11-28T10:00:01.000Z', nodeId: 'a', state: 'running' });
    await h.append('r1', { type: 'run.finished', at: '2026-11-28T10:00:02.000Z', state: 'succeeded' });
    await h.append('r2', started('r2', '2026-11-28T11:00:00.000Z'));
    const runs = await h.list();
    expect(runs.map((r) => [r.runId, r.state])).toEqual([
      ['r2', 'running'],
      ['r1', 'succeeded'],
    ]);
    expect(await h.read('r1')).toHaveLength(3);
  });

  it('marks runs of a crashed session as interrupted, and survives a torn last line', async () => {
    const { dir, history: h } = history();
    await h.append('crashed', started('crashed', '2026-11-28T10:00:00.000Z'));
    appendFileSync(path.join(dir, 'runs', 'crashed.jsonl'), '{"type":"node","at":"2026-11-2');
    expect(await h.markInterrupted(new Date('2026-11-28T12:00:00.000Z'))).toEqual(['crashed']);
    const [run] = await h.list();
    expect(run).toMatchObject({
      runId: 'crashed',
      state: 'interrupted',
      finishedAt: '2026-11-28T12:00:00.000Z',
    });
    expect(await h.markInterrupted()).toEqual([]);
  });

  it('leaves alone an unfinished run whose process is still alive (another CLI, the app)', async () => {
    const { dir } = history();
    const alive = new Set([4242]);
    const h = new RunHistory(dir, (pid) => alive.has(pid));
    await h.append('live', { ...started('live', '2026-11-28T10:00:00.000Z'), pid: 4242 } as HistoryRecord);
    await h.append('dead', { ...started('dead', '2026-11-28T10:00:00.000Z'), pid: 4343 } as HistoryRecord);
    expect(await h.markInterrupted()).toEqual(['dead']);
    alive.clear();
    expect(await h.markInterrupted()).toEqual(['live']);
  });

  it('writes records in the order they were made, even when not awaited one by one', async () => {
    const { history: h } = history();
    await h.append('r', started('r', '2026-11-28T10:00:00.000Z'));
    const writes = Array.from({ length: 50 }, (_, i) =>
      h.append('r', { type: 'node', at: '2026-11-28T10:00:01.000Z', nodeId: `n${i}`, state: 'running' }),
    );
    await Promise.all(writes);
    const ids = (await h.read('r')).flatMap((r) => (r.type === 'node' ? [r.nodeId] : []));
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => `n${i}`));
  });

  it('refuses run ids that could escape the folder', () => {
    const { history: h } = history();
    expect(() => h.append('../../etc/passwd', started('x', 'now'))).toThrow(/invalid run id/);
  });
});
