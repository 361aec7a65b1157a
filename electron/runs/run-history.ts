import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export type RunState = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export type HistoryRecord =
  | {
      type: 'run.started';
      runId: string;
      project: string;
      idempotencyKey: string;
      at: string;
      nodes: string[];
    }
  | { type: 'node'; at: string; nodeId: string; state: string; [key: string]: unknown }
  | { type: 'run.finished'; at: string; state: Exclude<RunState, 'running' | 'interrupted'> }
  | { type: 'run.interrupted'; at: string; reason: string };

export interface RunRecordSummary {
  runId: string;
  project: string;
  idempotencyKey: string;
  startedAt: string;
  finishedAt?: string;
  state: RunState;
}

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Run history as append-only JSON lines, one file per run under `<dataDir>/runs/`. Each record is
 * one `write` of one line, so a crash leaves at worst a truncated last line, which reading skips.
 */
export class RunHistory {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'runs');
  }

  private file(runId: string): string {
    if (!RUN_ID.test(runId)) throw new Error(`invalid run id ${runId}`);
    return path.join(this.dir, `${runId}.jsonl`);
  }

  /** `afterCrash`: start on a fresh line, in case the last write was cut short. */
  async append(runId: string, record: HistoryRecord, afterCrash = false): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const line = (afterCrash ? '\n' : '') + JSON.stringify(record) + '\n';
    await appendFile(this.file(runId), line, { encoding: 'utf8', flag: 'a' });
  }

  async read(runId: string): Promise<HistoryRecord[]> {
    let text: string;
    try {
      text = await readFile(this.file(runId), 'utf8');
    } catch {
      return [];
    }
    const records: HistoryRecord[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        records.push(JSON.parse(line) as HistoryRecord);
      } catch {
        // A line cut short by a crash.
      }
    }
    return records;
  }

  static summarize(records: readonly HistoryRecord[]): RunRecordSummary | undefined {
    const started = records.find((r) => r.type === 'run.started');
    if (!started || started.type !== 'run.started') return undefined;
    const end = records.findLast((r) => r.type === 'run.finished' || r.type === 'run.interrupted');
    const state: RunState = !end ? 'running' : end.type === 'run.finished' ? end.state : 'interrupted';
    return {
      runId: started.runId,
      project: started.project,
      idempotencyKey: started.idempotencyKey,
      startedAt: started.at,
      ...(end ? { finishedAt: end.at } : {}),
      state,
    };
  }

  async list(): Promise<RunRecordSummary[]> {
    let files: string[];
    try {
      files = (await readdir(this.dir)).filter((f) => f.endsWith('.jsonl'));
    } catch {
      return [];
    }
    const summaries = await Promise.all(
      files.map(async (f) => RunHistory.summarize(await this.read(f.slice(0, -6)))),
    );
    return summaries
      .filter((s): s is RunRecordSummary => s !== undefined)
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
  }

  /**
   * At start-up: runs that never finished belong to a session that crashed (or was killed);
   * they are marked interrupted so nobody waits for them.
   */
  async markInterrupted(now: Date = new Date()): Promise<string[]> {
    const unfinished = (await this.list()).filter((run) => run.state === 'running');
    for (const run of unfinished) {
      const record = {
        type: 'run.interrupted',
        at: now.toISOString(),
        reason: 'the app stopped during the run',
      } as const;
      await this.append(run.runId, record, true);
    }
    return unfinished.map((run) => run.runId);
  }
}
