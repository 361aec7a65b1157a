/** Where pretty lines go: a terminal's stream (stderr). */
export interface TextSink {
  write(text: string): unknown;
}

const LEVELS: Record<number, { name: string; color: string }> = {
  10: { name: 'TRACE', color: '90' },
  20: { name: 'DEBUG', color: '90' },
  30: { name: 'INFO ', color: '32' },
  40: { name: 'WARN ', color: '33' },
  50: { name: 'ERROR', color: '31' },
  60: { name: 'FATAL', color: '35' },
};
/** Shown first, in this order, when present; the rest follow as key=value. */
const FIRST = ['component', 'runId', 'nodeId', 'traceId'];
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'app', 'spanId', 'err', 'v']);

function value(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  return /[\s"=]/.test(text) ? JSON.stringify(text) : text;
}

/**
 * Formats one of pino's JSON lines for a person at a terminal:
 * `12:00:01.123 WARN  engine status component=docker-engine state=disconnected`.
 */
export function formatLine(line: string, colors: boolean): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const paint = (code: string, text: string) => (colors ? `\u001b[${code}m${text}\u001b[0m` : text);
  const level = LEVELS[Number(record.level)] ?? { name: String(record.level), color: '0' };
  const time = typeof record.time === 'number' ? new Date(record.time).toISOString().slice(11, 23) : '';
  const keys = [
    ...FIRST.filter((key) => key in record),
    ...Object.keys(record).filter((key) => !FIRST.includes(key) && !HIDDEN.has(key)),
  ];
  const fields = keys
    .filter((key) => record[key] !== undefined)
    .map(
      (key) =>
        paint('90', `${key}=`) + value(key === 'traceId' ? String(record[key]).slice(0, 8) : record[key]),
    )
    .join(' ');
  const err = record.err as { message?: string; stack?: string } | undefined;
  const error = err ? `\n  ${paint('31', err.stack ?? err.message ?? JSON.stringify(err))}` : '';
  const message = typeof record.msg === 'string' ? record.msg : '';
  return `${paint('90', time)} ${paint(level.color, level.name)} ${message}${fields ? ` ${fields}` : ''}${error}\n`;
}

/** A pino destination that writes concise, optionally coloured lines. */
export function prettyStream(out: TextSink, colors: boolean): { write(line: string): void } {
  return { write: (line: string) => void out.write(formatLine(line, colors)) };
}
