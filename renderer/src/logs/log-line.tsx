import { memo, type CSSProperties, type ReactNode } from 'react';
import type { LogEntry } from '../store/log-buffer';
import { clockTimeMs } from '../ui/clock-time';
import { parseAnsi, type AnsiSegment, type AnsiStyle } from './ansi';

export const LOG_ROW_HEIGHT = 18;

const NODE_COLOURS = ['#79c0ff', '#d2a8ff', '#56d4dd', '#e3b341', '#7ee787', '#ffa198', '#a5d6ff', '#f0b8e0'];

/** A stable colour per node, so one node's lines are easy to follow among others. */
export function nodeColour(nodeId: string): string {
  let hash = 0;
  for (let i = 0; i < nodeId.length; i++) hash = (hash * 31 + nodeId.charCodeAt(i)) | 0;
  return NODE_COLOURS[Math.abs(hash) % NODE_COLOURS.length]!;
}

function css(style: AnsiStyle): CSSProperties | undefined {
  if (Object.keys(style).length === 0) return undefined;
  const fg = style.inverse ? (style.bg ?? 'var(--bg)') : style.fg;
  const bg = style.inverse ? (style.fg ?? 'var(--text)') : style.bg;
  return {
    ...(fg ? { color: fg } : {}),
    ...(bg ? { backgroundColor: bg } : {}),
    ...(style.bold ? { fontWeight: 700 } : {}),
    ...(style.dim ? { opacity: 0.7 } : {}),
    ...(style.italic ? { fontStyle: 'italic' } : {}),
    ...(style.underline ? { textDecoration: 'underline' } : {}),
  };
}

/** Wraps each case-insensitive occurrence of `needle` in <mark>. */
function highlight(text: string, needle: string, keyPrefix: string): ReactNode[] {
  if (!needle) return [text];
  const lower = text.toLowerCase();
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(<mark key={`${keyPrefix}-${at}`}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}

function renderSegments(segments: AnsiSegment[], needle: string): ReactNode[] {
  return segments.map((segment, index) => {
    const content = highlight(segment.text, needle, String(index));
    const style = css(segment.style);
    return style ? (
      <span key={index} style={style}>
        {content}
      </span>
    ) : (
      <span key={index}>{content}</span>
    );
  });
}

interface LogLineProps {
  entry: LogEntry;
  /** Lower-cased search text to highlight. */
  needle: string;
  showNode: boolean;
}

/** One row of the Logs panel (LOG_ROW_HEIGHT tall, as logs.css says too). */
export const LogLine = memo(function LogLine({ entry, needle, showNode }: LogLineProps) {
  const marker = entry.dropped !== undefined;
  const className = `log-line log-line--${marker ? 'dropped' : entry.stream}`;
  return (
    <div className={className} data-stream={entry.stream}>
      <span className="log-line__time">{clockTimeMs(entry.at)}</span>
      {showNode && (
        <span className="log-line__node" style={{ color: nodeColour(entry.nodeId) }} title={entry.nodeId}>
          {entry.nodeId}
        </span>
      )}
      <span className="log-line__text">
        {marker ? `⚠ ${entry.text}` : renderSegments(parseAnsi(entry.text), needle)}
      </span>
    </div>
  );
});
