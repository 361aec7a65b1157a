// Shared by the benchmarks: time a function N times after a warm-up and summarise.
import { spawnSync } from 'node:child_process';
export interface Figures {
  readonly runs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly minMs: number;
}

export function measure(fn: () => unknown, runs: number, warmup = Math.ceil(runs / 5)): Figures {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number =>
    times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  const round = (n: number): number => Math.round(n * 1000) / 1000;
  return { runs, medianMs: round(at(0.5)), p95Ms: round(at(0.95)), minMs: round(times[0] ?? Number.NaN) };
}

/** A small deterministic generator so every run measures the same input. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function print(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

/** Runs a command to its end and returns how long it took (ms); throws with its output if it fails. */
export function timedCommand(command: string, args: readonly string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return ms;
}

/** The median, rounded to a whole number. */
export function roundedMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]!);
}
