import type { LogBuffer, LogEntry, LogStream, NodeRing } from '../store/log-buffer';
import { stripAnsi } from './ansi';

export interface LogFilter {
  /** One node, or null for all. */
  readonly nodeId: string | null;
  readonly streams: ReadonlySet<LogStream>;
  /** Case-insensitive text to look for ('' for none). */
  readonly query: string;
}

export const ALL_STREAMS: readonly LogStream[] = ['stdout', 'stderr', 'system'];

function filterKey(filter: LogFilter): string {
  return JSON.stringify([filter.nodeId, [...filter.streams].sort(), filter.query.toLowerCase()]);
}

/**
 * The lines a Logs panel shows: the buffer's lines that pass the filter, in arrival order, with a
 * marker row wherever lines were dropped. Kept up to date incrementally: new lines are appended in
 * O(new lines). Only a filter change, a clear, or lines evicted by a full buffer rebuild it (once
 * per update, so once per frame at most), and that is O(lines kept).
 *
 * Markers (lines with `dropped`) pass whatever the stream and search filter say: a loss is never
 * hidden.
 */
export class LogView {
  /** The rows, oldest first; markers included. Mutated in place; read after update(). */
  readonly rows: LogEntry[] = [];
  /** Rows that are lines, not markers. */
  lines = 0;
  /** Lines the markers in view say were dropped. */
  dropped = 0;
  private seen = 0;
  private generation = -1;
  private evicted = -1;
  private key = '';
  private needle = '';

  /** Brings the rows up to date; true when they changed. */
  update(buffer: LogBuffer, filter: LogFilter): boolean {
    const key = filterKey(filter);
    if (key !== this.key || buffer.generation !== this.generation || buffer.evicted !== this.evicted) {
      this.key = key;
      this.generation = buffer.generation;
      this.evicted = buffer.evicted;
      this.needle = filter.query.toLowerCase();
      this.rebuild(buffer, filter);
      return true;
    }
    if (buffer.lastSeq === this.seen) return false;
    const fresh = this.freshLines(buffer, filter);
    this.seen = buffer.lastSeq;
    const before = this.rows.length;
    for (const entry of fresh) this.add(entry, filter);
    return this.rows.length !== before;
  }

  /** Lines that came since the last update, in arrival order (a few rings: merged by seq). */
  private freshLines(buffer: LogBuffer, filter: LogFilter): LogEntry[] {
    const fresh: LogEntry[] = [];
    for (const ring of this.ringsOf(buffer, filter)) {
      const count = ring.countAfter(this.seen);
      for (let i = ring.size - count; i < ring.size; i++) fresh.push(ring.at(i));
    }
    if (filter.nodeId === null) fresh.sort((a, b) => a.seq - b.seq);
    return fresh;
  }

  private ringsOf(buffer: LogBuffer, filter: LogFilter): NodeRing[] {
    if (filter.nodeId === null) return [...buffer.allRings()];
    const ring = buffer.ring(filter.nodeId);
    return ring ? [ring] : [];
  }

  private rebuild(buffer: LogBuffer, filter: LogFilter): void {
    this.rows.length = 0;
    this.lines = 0;
    this.dropped = 0;
    this.seen = buffer.lastSeq;
    const rings = this.ringsOf(buffer, filter);
    const cursors = rings.map(() => 0);
    // A k-way merge by seq: rings are few (one per node), each already in order.
    for (;;) {
      let best = -1;
      let bestSeq = Number.POSITIVE_INFINITY;
      for (let r = 0; r < rings.length; r++) {
        const ring = rings[r]!;
        if (cursors[r]! < ring.size) {
          const seq = ring.at(cursors[r]!).seq;
          if (seq < bestSeq) {
            bestSeq = seq;
            best = r;
          }
        }
      }
      if (best < 0) break;
      const ring = rings[best]!;
      // What a full ring let go of is told by a marker where the node's kept lines begin.
      if (cursors[best] === 0 && ring.evicted > 0) this.add(evictionMarker(ring), filter);
      this.add(ring.at(cursors[best]!), filter);
      cursors[best]!++;
    }
  }

  private add(entry: LogEntry, filter: LogFilter): void {
    if (entry.dropped) {
      this.rows.push(entry);
      this.dropped += entry.dropped;
      return;
    }
    if (!filter.streams.has(entry.stream)) return;
    if (this.needle && !stripAnsi(entry.text).toLowerCase().includes(this.needle)) return;
    this.rows.push(entry);
    this.lines++;
  }
}

function evictionMarker(ring: NodeRing): LogEntry {
  const first = ring.at(0);
  const count = ring.evicted.toLocaleString('en-US');
  return {
    seq: first.seq - 0.5,
    runId: first.runId,
    nodeId: ring.nodeId,
    stream: 'system',
    text: `${count} lines dropped (the panel keeps the last ${ring.capacity.toLocaleString('en-US')} per node)`,
    at: first.at,
    dropped: ring.evicted,
  };
}
