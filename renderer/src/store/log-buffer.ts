import type { RunLogLine } from '../../../shared/ipc/contract';

/** Lines kept per node; older ones give way, and a marker says how many. */
export const LOG_LINES_PER_NODE = 100_000;

export type LogStream = RunLogLine['stream'];

/** A line as the buffer keeps it: `seq` orders lines across nodes by arrival. */
export interface LogEntry {
  readonly seq: number;
  readonly runId: string;
  readonly nodeId: string;
  readonly stream: LogStream;
  readonly text: string;
  readonly at: string;
  /** A marker line: this many lines of the node were dropped here (by the main side or the buffer). */
  readonly dropped?: number;
}

/**
 * One node's lines in a fixed-size ring: an array that grows to the capacity, then overwrites its
 * oldest slot. Appending is O(1) and never copies what is kept.
 */
export class NodeRing {
  private readonly slots: LogEntry[] = [];
  private start = 0;
  /** Lines this ring let go of because it was full. */
  evicted = 0;

  constructor(
    readonly nodeId: string,
    readonly capacity: number,
  ) {}

  get size(): number {
    return this.slots.length;
  }

  /** The i-th line kept, oldest first. */
  at(index: number): LogEntry {
    return this.slots[(this.start + index) % this.slots.length]!;
  }

  /** Adds a line; true when the oldest one had to go. */
  push(entry: LogEntry): boolean {
    if (this.slots.length < this.capacity) {
      this.slots.push(entry);
      return false;
    }
    this.slots[this.start] = entry;
    this.start = (this.start + 1) % this.capacity;
    this.evicted++;
    return true;
  }

  /** How many of the newest lines came after `seq` (lines are in `seq` order). */
  countAfter(seq: number): number {
    let count = 0;
    while (count < this.slots.length && this.at(this.slots.length - 1 - count).seq > seq) count++;
    return count;
  }
}

/**
 * The container logs of the window: a bounded ring per node. Mutable on purpose: a burst of
 * 50,000 lines is appended batch by batch in O(batch), and readers notice changes through the
 * counters (`lastSeq`, `evicted`, `generation`) rather than through new objects.
 */
export class LogBuffer {
  private readonly rings = new Map<string, NodeRing>();
  private seq = 0;
  /** Lines evicted from any ring so far: a view that saw fewer must rebuild. */
  evicted = 0;
  /** Bumped by clear(). */
  generation = 0;

  constructor(private capacity = LOG_LINES_PER_NODE) {}

  /** Lines kept per node (the settings' log buffer size). */
  get capacityPerNode(): number {
    return this.capacity;
  }

  /**
   * Changes the lines kept per node, at once: a smaller buffer keeps each node's newest lines
   * (views rebuild, as after clear()); a bigger one keeps everything and grows from here.
   */
  setCapacity(capacity: number): void {
    if (capacity === this.capacity) return;
    this.capacity = capacity;
    for (const [nodeId, ring] of this.rings) {
      const next = new NodeRing(nodeId, capacity);
      for (let i = Math.max(0, ring.size - capacity); i < ring.size; i++) next.push(ring.at(i));
      next.evicted = ring.evicted + Math.max(0, ring.size - capacity);
      this.rings.set(nodeId, next);
    }
    this.generation++;
  }

  get lastSeq(): number {
    return this.seq;
  }

  append(lines: readonly RunLogLine[]): void {
    for (const line of lines) {
      let ring = this.rings.get(line.nodeId);
      if (!ring) {
        ring = new NodeRing(line.nodeId, this.capacity);
        this.rings.set(line.nodeId, ring);
      }
      const entry: LogEntry = {
        seq: ++this.seq,
        runId: line.runId,
        nodeId: line.nodeId,
        stream: line.stream,
        text: line.dropped ? line.text || `${line.dropped} lines dropped` : line.text,
        at: line.at,
        ...(line.dropped ? { dropped: line.dropped } : {}),
      };
      if (ring.push(entry)) this.evicted++;
    }
  }

  ring(nodeId: string): NodeRing | undefined {
    return this.rings.get(nodeId);
  }

  /** Node ids in the order their first line came. */
  nodeIds(): string[] {
    return [...this.rings.keys()];
  }

  allRings(): Iterable<NodeRing> {
    return this.rings.values();
  }

  /** Lines kept, over all nodes. */
  get size(): number {
    let size = 0;
    for (const ring of this.rings.values()) size += ring.size;
    return size;
  }

  clear(): void {
    this.rings.clear();
    this.evicted = 0;
    this.generation++;
  }
}
