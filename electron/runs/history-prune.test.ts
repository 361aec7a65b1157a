import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeRuns, runsToPrune } from './history-prune';
import type { RunRecordSummary } from './run-history';
import { RunLogTail } from './run-log-tail';

const DAY = 24 * 3600_000;
const now = Date.UTC(2026, 5, 30);
const run = (
  runId: string,
  daysAgo: number,
  state: RunRecordSummary['state'] = 'succeeded',
): RunRecordSummary => ({
  runId,
  project: 'p',
  idempotencyKey: runId,
  startedAt: new Date(now - daysAgo * DAY).toISOString(),
  state,
});

const dir = mkdtempSync(path.join(tmpdir(), 'dw-prune-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('history pruning', () => {
  it('keeps the newest maxRuns and nothing older than maxAgeDays, but never a running run', () => {
    const runs = [
      run('r5', 0),
      run('r4', 1, 'running'),
      run('r3', 2),
      run('r2', 40),
      run('r1', 50, 'running'),
    ];
    expect(runsToPrune(runs, { maxRuns: 200, maxAgeDays: 30 }, now)).toEqual(['r2']);
    expect(runsToPrune(runs, { maxRuns: 2, maxAgeDays: 30 }, now)).toEqual(['r3', 'r2']);
    expect(runsToPrune(runs, { maxRuns: 1, maxAgeDays: 365 }, now)).toEqual(['r3', 'r2']);
  });

  it('removes a run with everything kept beside it, and nothing else', async () => {
    const runs = path.join(dir, 'runs');
    mkdirSync(runs);
    for (const name of [
      'a.jsonl',
      'a.topology.json',
      'a.request.json',
      'a.spans.json',
      'b.jsonl',
      'b.request.json',
    ])
      writeFileSync(path.join(runs, name), '{}');
    await removeRuns(dir, ['a', 'gone']);
    expect(readdirSync(runs).sort()).toEqual(['b.jsonl', 'b.request.json']);
  });
});

describe('RunLogTail', () => {
  it('keeps the last lines of each node of an open run, then hands them over once', () => {
    const tail = new RunLogTail(2);
    tail.open('r1');
    const at = '2026-01-01T00:00:00.000Z';
    for (const text of ['1', '2', '3']) tail.push({ runId: 'r1', nodeId: 'a', stream: 'stdout', text, at });
    tail.push({ runId: 'r1', nodeId: 'b', stream: 'stderr', text: 'x'.repeat(3000), at });
    tail.push({ runId: 'other', nodeId: 'a', stream: 'stdout', text: 'not kept', at });
    const kept = tail.take('r1');
    expect(kept.map((l) => `${l.nodeId}:${l.text.length > 10 ? l.text.length : l.text}`)).toEqual([
      'a:2',
      'a:3',
      'b:2001',
    ]);
    expect(tail.take('r1')).toEqual([]);
  });
});
