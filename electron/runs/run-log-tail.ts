import { HISTORY_DEFAULTS, type KeptLogLine, type RunLogLine } from '../../shared/ipc/contract';

/** A kept line is cut to this many characters (a line can be a megabyte of JSON). */
const MAX_LINE_CHARS = 2_000;

/**
 * The last lines of each node of each running run, kept in memory until the run ends and then
 * written to its history (the History panel and `runs.details` read them back).
 */
export class RunLogTail {
  private readonly runs = new Map<string, Map<string, KeptLogLine[]>>();

  constructor(private readonly perNode: number = HISTORY_DEFAULTS.logLinesPerNode) {}

  /** Starts keeping the run's lines. */
  open(runId: string): void {
    this.runs.set(runId, new Map());
  }

  push(line: RunLogLine): void {
    const nodes = this.runs.get(line.runId);
    if (!nodes) return;
    let lines = nodes.get(line.nodeId);
    if (!lines) nodes.set(line.nodeId, (lines = []));
    const text = line.text.length > MAX_LINE_CHARS ? `${line.text.slice(0, MAX_LINE_CHARS)}…` : line.text;
    lines.push({ nodeId: line.nodeId, stream: line.stream, text, at: line.at });
    if (lines.length > this.perNode) lines.shift();
  }

  /** The run's kept lines, node by node, and stops keeping them. */
  take(runId: string): KeptLogLine[] {
    const nodes = this.runs.get(runId);
    this.runs.delete(runId);
    return nodes ? [...nodes.values()].flat() : [];
  }
}
