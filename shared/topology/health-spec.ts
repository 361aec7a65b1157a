import type { HealthCheck } from './model';

/*
 * What the health fields mean when they are left out, and how a status spec reads. Pure, so the
 * validator, the monitor and the editor agree on one meaning.
 */

/** Timing of a check whose fields are omitted. */
export const CHECK_DEFAULTS = {
  interval: '5s',
  timeout: '2s',
  retries: 3,
  startPeriod: '0s',
  startInterval: '1s',
} as const;

/** Recovery when `recovery` (or one of its fields) is omitted. */
export const RECOVERY_DEFAULTS = {
  restartUnhealthy: true,
  restartOnExit: true,
  action: 'restart',
  maxRestarts: 5,
  window: '10m',
  backoff: { initial: '1s', max: '30s', multiplier: 2, jitter: 0.2 },
} as const;

/** The HTTP statuses a check accepts when `status` is omitted. */
export const DEFAULT_STATUS = '200-399';

export type StatusRange = readonly [number, number];

/**
 * `200`, `200-399` or a list `200,204,300-399` as inclusive ranges; undefined when it is not one
 * (or a code is outside 100-599, or a range is reversed).
 */
export function parseStatusSpec(spec: number | string | undefined): StatusRange[] | undefined {
  const text = String(spec ?? DEFAULT_STATUS).trim();
  if (text === '') return undefined;
  const ranges: StatusRange[] = [];
  for (const part of text.split(',')) {
    const match = /^\s*(\d{3})(?:\s*-\s*(\d{3}))?\s*$/.exec(part);
    if (!match) return undefined;
    const low = Number(match[1]);
    const high = match[2] === undefined ? low : Number(match[2]);
    if (low < 100 || high > 599 || high < low) return undefined;
    ranges.push([low, high]);
  }
  return ranges;
}

export function statusAccepted(ranges: readonly StatusRange[], status: number): boolean {
  return ranges.some(([low, high]) => status >= low && status <= high);
}

/** A short description of a check, for the health view when it has no name. */
export function describeCheck(check: HealthCheck): string {
  if (check.name !== undefined && check.name !== '') return check.name;
  switch (check.type) {
    case 'http':
      return `${check.scheme ?? 'http'} :${check.port}${check.path ?? '/'}`;
    case 'tcp':
      return `tcp :${check.port}`;
    case 'exec':
      return `exec ${Array.isArray(check.command) ? check.command.join(' ') : check.command}`;
    case 'engine':
      return 'engine healthcheck';
  }
}
