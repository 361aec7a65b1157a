import type { DockerClient } from './docker-client';
import { readJsonLines } from './json-lines';

/** One reading of a container's resource use. */
export interface StatsSample {
  /** CPU in cores: 1 is one core fully busy. */
  cpuCores: number;
  /** Memory in use without the page cache (what `docker stats` shows). */
  memoryBytes: number;
}

interface RawStats {
  cpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: {
    usage?: number;
    stats?: { inactive_file?: number; total_inactive_file?: number; cache?: number };
  };
}

/** The figures `docker stats` shows, from one sample of the engine's stats stream. */
export function readStats(raw: RawStats): StatsSample | undefined {
  const cpu = raw.cpu_stats;
  const pre = raw.precpu_stats;
  const cpuDelta = (cpu?.cpu_usage?.total_usage ?? 0) - (pre?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu?.system_cpu_usage ?? 0) - (pre?.system_cpu_usage ?? 0);
  const usage = raw.memory_stats?.usage;
  // The first sample has no previous one to compare with; a stopped container has no usage.
  if (usage === undefined || systemDelta <= 0 || !pre?.system_cpu_usage) return undefined;
  const cores = cpu?.online_cpus ?? 1;
  const cache =
    raw.memory_stats?.stats?.inactive_file ??
    raw.memory_stats?.stats?.total_inactive_file ??
    raw.memory_stats?.stats?.cache ??
    0;
  return {
    cpuCores: Math.max(0, (cpuDelta / systemDelta) * cores),
    memoryBytes: Math.max(0, usage - cache),
  };
}

export interface StatsFollow {
  stop(): void;
  readonly ended: Promise<void>;
}

/** Follows the engine's stats stream of a container (about one sample a second). */
export async function followStats(
  client: DockerClient,
  id: string,
  onSample: (sample: StatsSample) => void,
): Promise<StatsFollow> {
  const stream = await client.containerStats(id);
  let finish: () => void = () => {};
  const ended = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const stop = readJsonLines<RawStats>(
    stream,
    (raw) => {
      const sample = readStats(raw);
      if (sample) onSample(sample);
    },
    () => finish(),
  );
  return {
    stop() {
      stop();
      finish();
    },
    ended,
  };
}
