import { durationMs } from '../text/durations';
import { sizeBytes } from '../text/sizes';

/*
 * Docker's amounts as Kubernetes quantities. Docker reads `512m` as 512 MiB (powers of 1024),
 * Kubernetes reads `512M` as 512 × 10^6, so memory is written with binary suffixes.
 */

const BINARY: readonly [string, number][] = [
  ['Ti', 1024 ** 4],
  ['Gi', 1024 ** 3],
  ['Mi', 1024 ** 2],
  ['Ki', 1024],
];

/** `512m` -> `512Mi`, `1g` -> `1Gi`, `1536k` -> `1536Ki`, `1000` -> `1000`; undefined when unreadable. */
export function memoryQuantity(value: string | number | undefined): string | undefined {
  const bytes = sizeBytes(value);
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return undefined;
  for (const [suffix, unit] of BINARY) {
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}

/** `0.5` -> `500m`, `2` -> `2`; undefined when it is not a positive number. */
export function cpuQuantity(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const cpus = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isFinite(cpus) || cpus <= 0) return undefined;
  if (Number.isInteger(cpus)) return String(cpus);
  return `${Math.max(1, Math.round(cpus * 1000))}m`;
}

/** A duration in whole seconds, rounded up (probes and deadlines count seconds), at least `min`. */
export function seconds(value: string | undefined, min = 1): number | undefined {
  const ms = durationMs(value);
  return ms === undefined ? undefined : Math.max(min, Math.ceil(ms / 1000));
}
