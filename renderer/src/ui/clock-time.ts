const TIME = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "14:11:05": a time of day short enough for a narrow column (health checks, chart axes). */
export function clockTime(at: string | number | Date): string {
  return TIME.format(new Date(at));
}

/** "14:11:05.123": local wall-clock time with milliseconds, what a person compares log lines by. */
export function clockTimeMs(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
