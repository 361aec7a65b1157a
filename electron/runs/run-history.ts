import { appendFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../common/private-files';
import { processSecrets, type SecretValues } from '../common/secret-values';
import type { RunTrigger } from '../../shared/ipc/workflow-contract';
import type { KeptLogLine, RerunOrigin } from '../../shared/ipc/run-history-contract';

export type RunState = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export type HistoryRecord =
  | {
      type: 'run.started';
      runId: string;
      project: string;
      idempotencyKey: string;
      at: string;
      nodes: string[];
      /** The process that runs it: only a run whose process is gone can be interrupted. */
      pid?: number;
      /** Why it started, when not by hand (`schedule`). */
      trigger?: RunTrigger;
      /** A rerun: the run it reran, and the node it reran from. */
      rerun?: RerunOrigin;
    }
  | { type: 'node'; at: string; nodeId: string; state: string; [key: string]: unknown }
  // The health monitor's view of the run's services, after the run brought them up.
  | { type: 'health'; at: string; nodeId: string; state: string; [key: string]: unknown }
  | { type: 'recovery'; at: string; nodeId: string; result: string; [key: string]: unknown }
  | { type: 'run.finished'; at: string; state: Exclude<RunState, 'running' | 'interrupted'> }
  | { type: 'run.interrupted'; at: string; reason: string }
  // The last lines of each node when the run ended (RunLogTail).
  | { type: 'logs'; at: string; lines: KeptLogLine[] };

export interface RunRecordSummary {
  runId: string;
  project: string;
  idempotencyKey: string;
  startedAt: string;
  finishedAt?: string;
  state: RunState;
  pid?: number;
  trigger?: RunTrigger;
  rerun?: RerunOrigin;
}

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether a process still exists (signal 0 checks without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Run history as append-only JSON lines, one file per run under `<dataDir>/runs/`. Each record is
 * one `write` of one line, so a crash leaves at worst a truncated last line, which reading skips.
 * Appends to one run are queued, so records land in the order they were made. Known secret values
 * are masked in each line before it is written (an error message may quote one).
 */
export class RunHistory {
  private readonly dir: string;
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    dataDir: string,
    private readonly isAlive: (pid: number) => boolean = processAlive,
    private readonly secrets: SecretValues = processSecrets,
  ) {
    this.dir = path.join(dataDir, 'runs');
  }

  private file(runId: string): string {
    if (!RUN_ID.test(runId)) throw new Error(`invalid run id ${runId}`);
    return path.join(this.dir, `${runId}.jsonl`);
  }

  /** `afterCrash`: start on a fresh line, in case the last write was cut short. */
  append(runId: string, record: HistoryRecord, afterCrash = false): Promise<void> {
    const file = this.file(runId);
    const line = (afterCrash ? '\n' : '') + this.secrets.mask(JSON.stringify(record)) + '\n';
    const previous = this.queues.get(runId) ?? Promise.resolve();
    const next = previous.then(async () => {
      await ensurePrivateDir(this.dir);
      await appendFile(file, line, { encoding: 'utf8', flag: 'a', mode: PRIVATE_FILE_MODE });
    });
    // The queue goes on after a failed write; the caller still sees the failure.
    const settled = next.catch(() => undefined);
    this.queues.set(runId, settled);
    void settled.then(() => {
      if (this.queues.get(runId) === settled) this.queues.delete(runId);
    });
    return next;
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
      ...(started.pid !== undefined ? { pid: started.pid } : {}),
      ...(started.trigger !== undefined ? { trigger: started.trigger } : {}),
      ...(started.rerun !== undefined ? { rerun: started.rerun } : {}),
    };
  }

  /** Every run's records, newest run first; each file is read once. */
  async readAll(): Promise<Array<{ summary: RunRecordSummary; records: HistoryRecord[] }>> {
    let files: string[];
    try {
      files = (await readdir(this.dir)).filter((f) => f.endsWith('.jsonl'));
    } catch {
      return [];
    }
    const runs = await Promise.all(
      files.map(async (f) => {
        const records = await this.read(f.slice(0, -'.jsonl'.length));
        const summary = RunHistory.summarize(records);
        return summary ? { summary, records } : undefined;
      }),
    );
    return runs
      .filter((run) => run !== undefined)
      .sort((a, b) =>
        a.summary.startedAt < b.summary.startedAt ? 1 : a.summary.startedAt > b.summary.startedAt ? -1 : 0,
      );
  }

  async list(): Promise<RunRecordSummary[]> {
    return (await this.readAll()).map((run) => run.summary);
  }

  /**
   * At start-up: runs that never finished and whose process is gone belong to a session that
   * crashed (or was killed); they are marked interrupted so nobody waits for them. A run that
   * another live process (a second CLI, the app) is still running is left alone.
   */
  async markInterrupted(now: Date = new Date()): Promise<string[]> {
    const unfinished = (await this.list()).filter(
      (run) => run.state === 'running' && (run.pid === undefined || !this.isAlive(run.pid)),
    );
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
