import type { RunLogLine } from '../../shared/ipc/contract';
import { systemClock, type Clock, type Timer } from '../common/clock';

export type PumpLine = Omit<RunLogLine, 'runId'>;

/** A producer that can be held back (a followed log stream). */
export interface PausableSource {
  pause(): void;
  resume(): void;
}

export interface LogPumpOptions {
  sink: (line: PumpLine) => void;
  clock?: Clock;
  /** Lines buffered per node before its sources are paused (or, for unpausable ones, dropped). */
  capacity?: number;
  /** Lines sent per node per tick: the rate the consumers are asked to take. */
  perTick?: number;
  tickMs?: number;
  /** Lines forwarded, by stream, once per tick. */
  onForwarded?: (counts: Readonly<Record<RunLogLine['stream'], number>>) => void;
  onDropped?: (count: number) => void;
}

interface NodeQueue {
  lines: PumpLine[];
  head: number;
  sources: Set<PausableSource>;
  paused: boolean;
  /** The marker at the tail while drops continue, so one marker counts a whole run of drops. */
  marker: PumpLine | undefined;
}

/**
 * Carries a run's log lines to its consumers at a bounded rate, with a bounded buffer per node.
 * When a node's buffer fills, its followed streams are paused (the engine keeps the rest in the
 * container's log file, so nothing is lost, only delayed) and resumed once it has drained to half.
 * Lines that cannot be held back (Dockwright's own build and pull output) are dropped beyond the
 * buffer, and a marker line saying how many goes out in their place: never a silent loss.
 */
export class LogPump {
  private readonly queues = new Map<string, NodeQueue>();
  private readonly clock: Clock;
  private readonly capacity: number;
  private readonly perTick: number;
  private readonly tickMs: number;
  private timer: Timer | undefined;
  private closed = false;

  constructor(private readonly options: LogPumpOptions) {
    this.clock = options.clock ?? systemClock;
    this.capacity = options.capacity ?? 10_000;
    this.perTick = options.perTick ?? 10_000;
    this.tickMs = options.tickMs ?? 50;
  }

  private queue(nodeId: string): NodeQueue {
    let queue = this.queues.get(nodeId);
    if (!queue) {
      queue = { lines: [], head: 0, sources: new Set(), paused: false, marker: undefined };
      this.queues.set(nodeId, queue);
    }
    return queue;
  }

  /** Registers a pausable producer of the node's lines; returns the detach. */
  attach(nodeId: string, source: PausableSource): () => void {
    const queue = this.queue(nodeId);
    queue.sources.add(source);
    if (queue.paused) source.pause();
    return () => {
      queue.sources.delete(source);
    };
  }

  push(nodeId: string, stream: PumpLine['stream'], text: string, at: string): void {
    if (this.closed) return;
    const queue = this.queue(nodeId);
    const size = queue.lines.length - queue.head;
    if (size >= this.capacity) {
      if (queue.sources.size > 0 && !queue.paused) {
        queue.paused = true;
        for (const source of queue.sources) source.pause();
      }
      // A paused stream still hands over the rest of the chunk it was reading: room for that,
      // but the buffer stays bounded whatever a producer does.
      if (queue.sources.size === 0 || size >= this.capacity * 2) {
        this.drop(queue, nodeId, at);
        return;
      }
    }
    queue.marker = undefined;
    queue.lines.push({ nodeId, stream, text, at });
    this.schedule();
  }

  private drop(queue: NodeQueue, nodeId: string, at: string): void {
    this.options.onDropped?.(1);
    if (queue.marker) {
      queue.marker.dropped = (queue.marker.dropped ?? 0) + 1;
      return;
    }
    queue.marker = { nodeId, stream: 'system', text: '', at, dropped: 1 };
    queue.lines.push(queue.marker);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.tick(this.perTick);
    }, this.tickMs);
    this.timer.unref?.();
  }

  /** Sends up to `limit` lines of each node now. */
  private tick(limit: number): void {
    const counts = { stdout: 0, stderr: 0, system: 0 };
    let waiting = false;
    for (const queue of this.queues.values()) {
      const end = Math.min(queue.lines.length, queue.head + limit);
      for (let index = queue.head; index < end; index++) {
        const line = queue.lines[index]!;
        if (line === queue.marker) queue.marker = undefined;
        if (line.dropped) line.text = `${line.dropped} lines dropped`;
        counts[line.stream]++;
        this.options.sink(line);
      }
      queue.head = end;
      if (queue.head === queue.lines.length) {
        queue.lines = [];
        queue.head = 0;
      } else if (queue.head > 8_192) {
        queue.lines = queue.lines.slice(queue.head);
        queue.head = 0;
      }
      const size = queue.lines.length - queue.head;
      if (queue.paused && size <= this.capacity / 2) {
        queue.paused = false;
        for (const source of queue.sources) source.resume();
      }
      if (size > 0) waiting = true;
    }
    if (counts.stdout + counts.stderr + counts.system > 0) this.options.onForwarded?.(counts);
    if (waiting) this.schedule();
  }

  /** Sends everything buffered now (before a run's final status, so its logs come first). */
  drainAll(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.tick(Number.POSITIVE_INFINITY);
  }

  /** Drains and stops; later lines are ignored. */
  close(): void {
    this.drainAll();
    this.closed = true;
    for (const queue of this.queues.values()) queue.sources.clear();
  }
}
