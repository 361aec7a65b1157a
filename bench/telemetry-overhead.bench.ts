// Tracing and metrics overhead on the executor benchmark: the same 10,000-task random DAG of no-op
// tasks with every policy on (as bench/executor.bench.ts), run plain and run as a Dockwright run
// is: task events turned into node and attempt spans (the live span feed on), attempts run inside
// their span's context, node durations, retries and timeouts counted in the metrics registry.
// Median of N rounds each, after one warm-up round. Prints one JSON line with the ratio.
// Run: node scripts/run-ts.mjs bench/telemetry-overhead.bench.ts [rounds]
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { Executor, type TaskSpec, buildGraph } from '../electron/executor/index';
import { withContext } from '../electron/common/trace-context';
import { TaskTracer } from '../electron/telemetry/task-tracer';
import { Telemetry } from '../electron/telemetry/telemetry';
import { everyPolicy, randomDag } from './executor-dag';
import { print } from './stats';

const TASKS = 10_000;
const CONCURRENCY = 256;
const rounds = Number(process.argv[2] ?? 5);

const nodes = randomDag(TASKS);
const noop = (): Promise<number> => Promise.resolve(0);
let spansOut = 0;
const telemetry = new Telemetry({
  env: {},
  defaultMetrics: false,
  metricsIntervalMs: 0,
  // The live feed as the app runs it, into a sink that only counts (the hub's cost is not ours).
  emit: (event, payload) => {
    if (event === 'telemetry.spans') spansOut += (payload as { spans: unknown[] }).spans.length;
  },
});

async function once(traced: boolean): Promise<number> {
  const policy = everyPolicy(CONCURRENCY);
  // The tracer is made inside the timed part: a run pays for it too.
  const start = performance.now();
  const root = traced ? telemetry.tracer.startSpan('run bench') : undefined;
  const parent = root ? trace.setSpan(ROOT_CONTEXT, root) : ROOT_CONTEXT;
  const tracer = traced
    ? new TaskTracer(
        telemetry.tracer,
        telemetry.metrics,
        parent,
        nodes.map((node) => [node.id, { group: node.id, kind: 'job', phase: 'job' }] as const),
        { 'dockwright.run.id': 'bench' },
      )
    : undefined;
  const tasks: TaskSpec[] = nodes.map((node) => ({
    id: node.id,
    dependsOn: node.dependsOn,
    policy,
    run: tracer ? () => withContext(tracer.contextOf(node.id), noop) : noop,
  }));
  let events = 0;
  const result = await new Executor({ concurrency: CONCURRENCY }).run(buildGraph(tasks), {
    onEvent: (event) => {
      events++;
      tracer?.onEvent(event);
    },
  });
  root?.end();
  const elapsed = performance.now() - start;
  if (result.status !== 'succeeded' || events < TASKS * 3)
    throw new Error(`bench run went wrong: ${result.status}`);
  return elapsed;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const round3 = (n: number): number => Math.round(n * 1000) / 1000;

await once(false);
await once(true);
const plain: number[] = [];
const traced: number[] = [];
for (let round = 0; round < rounds; round++) {
  plain.push(await once(false));
  traced.push(await once(true));
}
await telemetry.flush();
const plainMs = median(plain);
const tracedMs = median(traced);
print({
  name: 'telemetry-overhead-executor-10k',
  tasks: TASKS,
  spansPerRound: TASKS * 2 + 1,
  plainMs: round3(plainMs),
  tracedMs: round3(tracedMs),
  ratio: round3(tracedMs / plainMs),
  perTaskOverheadUs: round3(((tracedMs - plainMs) * 1000) / TASKS),
  spansFed: spansOut,
  feedDropped: telemetry.status().feedDroppedSpans,
  rounds,
});
await telemetry.shutdown();
