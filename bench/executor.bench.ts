// The executor alone: a 10,000-task random DAG of no-op async tasks with every policy on (retry,
// timeout, a shared circuit breaker and a shared bulkhead), against a bare Promise-per-wave
// baseline in the same process. Median of N rounds each, after one warm-up round.
// Run: node scripts/run-ts.mjs bench/executor.bench.ts [rounds]
import { Executor, type TaskSpec, buildGraph } from '../electron/executor/index';
import { type DagNode, everyPolicy, randomDag } from './executor-dag';
import { print } from './stats';

const TASKS = 10_000;
const CONCURRENCY = 256;
const rounds = Number(process.argv[2] ?? 5);

const noop = (): Promise<number> => Promise.resolve(0);

async function withPolicies(nodes: readonly DagNode[]): Promise<number> {
  const policy = everyPolicy(CONCURRENCY);
  const tasks: TaskSpec[] = nodes.map((node) => ({
    id: node.id,
    dependsOn: node.dependsOn,
    policy,
    run: noop,
  }));
  let events = 0;
  const start = performance.now();
  const result = await new Executor({ concurrency: CONCURRENCY }).run(buildGraph(tasks), {
    onEvent: () => {
      events++;
    },
  });
  const elapsed = performance.now() - start;
  if (result.status !== 'succeeded' || events < TASKS * 3)
    throw new Error(`bench run went wrong: ${result.status}`);
  return elapsed;
}

async function baseline(nodes: readonly DagNode[]): Promise<number> {
  const start = performance.now();
  const depth = new Array<number>(nodes.length).fill(0);
  const waves: number[][] = [];
  nodes.forEach((node, index) => {
    // Dependencies always come earlier, so their depth is already known.
    const level = node.deps.reduce((deepest, dep) => Math.max(deepest, (depth[dep] ?? 0) + 1), 0);
    depth[index] = level;
    (waves[level] ??= []).push(index);
  });
  for (const wave of waves) await Promise.all(wave.map(() => noop()));
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const nodes = randomDag(TASKS);
await withPolicies(nodes);
await baseline(nodes);
const policiesTimes: number[] = [];
const baselineTimes: number[] = [];
for (let round = 0; round < rounds; round++) {
  policiesTimes.push(await withPolicies(nodes));
  baselineTimes.push(await baseline(nodes));
}
const round3 = (n: number): number => Math.round(n * 1000) / 1000;
const policiesMs = median(policiesTimes);
const baselineMs = median(baselineTimes);
print({
  name: 'executor-10k',
  tasks: TASKS,
  policiesMs: round3(policiesMs),
  baselineMs: round3(baselineMs),
  ratio: round3(policiesMs / baselineMs),
  rounds,
});
