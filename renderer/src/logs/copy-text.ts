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

/** Puts text on the clipboard: the async API where the page may use it, else a hidden textarea. */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    if (!document.execCommand('copy')) throw new Error('the browser refused to copy');
  } finally {
    area.remove();
  }
}
