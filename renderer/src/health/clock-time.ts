const TIME = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "14:11:05": a time of day short enough for a narrow column. */
export function clockTime(at: string | number | Date): string {
  return TIME.format(new Date(at));
}
