import type { LogEntry } from '../store/log-buffer';
import { stripAnsi } from './ansi';

/** The rows as plain text, one line each; the node in front when lines of several nodes are shown. */
export function rowsAsText(rows: readonly LogEntry[], withNode: boolean): string {
  const out: string[] = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const text = stripAnsi(row.text);
    out[i] = withNode ? `${row.nodeId} | ${text}` : text;
  }
  return out.join('\n');
}
