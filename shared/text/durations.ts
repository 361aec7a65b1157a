const DURATION_PART = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)/g;
const DURATION_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go/Compose duration (`1m30s`, `500ms`) in milliseconds; undefined when it is not one. */
export function durationMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value === '0') return 0;
  let total = 0;
  let consumed = 0;
  for (const match of value.matchAll(DURATION_PART)) {
    if (match.index !== consumed) return undefined;
    total += Number(match[1]) * (DURATION_MS[match[2]!] ?? 0);
    consumed += match[0].length;
  }
  return consumed === value.length && consumed > 0 ? total : undefined;
}

/** Go/Compose duration: `10s`, `1m30s`, `1.5h`, `250ms`, or `0`. */
export function isDuration(value: string): boolean {
  return durationMs(value) !== undefined;
}
