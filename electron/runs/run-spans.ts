import { z } from 'zod';
import { SpanData } from '../../shared/ipc/contract';
import type { RunSidecars } from './run-sidecars';

/** Spans kept per run at most (a run of hundreds of nodes has thousands; the first are kept). */
const MAX_SPANS = 5_000;
/** Runs whose spans are held in memory at once; the oldest is written out first. */
const MAX_OPEN_RUNS = 32;
/** Runs already written, remembered so late spans do not start a second, partial file. */
const MAX_WRITTEN = 256;

/**
 * A run's trace as it was when the run ended, kept beside its history (`<runId>.spans.json`), so
 * the History panel can draw its waterfall after a restart. Fed from the live span feed; each
 * span is kept in its last state (an open span is replaced when it ends).
 */
export class RunSpanKeeper {
  private readonly runs = new Map<string, Map<string, SpanData>>();
  private readonly written = new Set<string>();
  private readonly writes = new Set<Promise<void>>();

  constructor(private readonly files: RunSidecars) {}

  add(spans: readonly SpanData[]): void {
    for (const span of spans) {
      const runId = span.runId;
      if (runId === undefined || this.written.has(runId)) continue;
      let kept = this.runs.get(runId);
      if (!kept) {
        if (this.runs.size >= MAX_OPEN_RUNS) void this.flush(this.runs.keys().next().value!);
        this.runs.set(runId, (kept = new Map<string, SpanData>()));
      }
      if (kept.has(span.spanId) || kept.size < MAX_SPANS) kept.set(span.spanId, span);
    }
  }

  /** Writes the run's spans beside its history and stops keeping them. */
  flush(runId: string): Promise<void> {
    const kept = this.runs.get(runId);
    this.runs.delete(runId);
    this.written.add(runId);
    if (this.written.size > MAX_WRITTEN) this.written.delete(this.written.values().next().value!);
    if (!kept || kept.size === 0) return Promise.resolve();
    const write = this.files.write(runId, 'spans', [...kept.values()]).catch(() => undefined);
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
    return write;
  }

  /** Writes every run still held (at shutdown). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.runs.keys()].map((runId) => this.flush(runId)));
    await Promise.all(this.writes);
  }

  /** A run's kept spans: those in memory, else those written. */
  async read(runId: string): Promise<SpanData[]> {
    const held = this.runs.get(runId);
    if (held) return [...held.values()];
    const parsed = z.array(SpanData).safeParse(await this.files.read(runId, 'spans'));
    return parsed.success ? parsed.data : [];
  }
}
