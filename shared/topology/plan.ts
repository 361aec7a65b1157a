import { dependencyGraph, edgesOf, findCycles } from './graph';
import {
  isContainer,
  type DependencyCondition,
  type NodeKind,
  type Topology,
  type TopologyNode,
} from './model';
import { problem, type Problem } from './problem';
import { withoutHandlers } from './run-handlers';

export type StartAction = 'create' | 'use-existing' | 'start' | 'run';
export type TeardownAction = 'remove' | 'leave';

export interface PlanStep<A extends string = StartAction> {
  readonly nodeId: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly action: A;
  /** The nodes this step waits for and what it waits for; resources only need to exist. */
  readonly waitFor: readonly {
    readonly nodeId: string;
    readonly condition: DependencyCondition | 'created';
    /** False for `required: false` dependencies: their failure does not stop this step. */
    readonly required?: boolean;
  }[];
}

export interface Wave<A extends string = StartAction> {
  readonly index: number;
  readonly steps: readonly PlanStep<A>[];
}

export interface DeploymentPlan {
  /** Start order: every step of a wave may run in parallel once the previous waves are done. */
  readonly waves: readonly Wave<StartAction>[];
  /** Removal order: the start order reversed, so nothing is removed while a dependent remains. */
  readonly teardown: readonly Wave<TeardownAction>[];
}

export type PlanResult =
  { readonly ok: true; readonly plan: DeploymentPlan } | { readonly ok: false; readonly problems: Problem[] };

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Waves of nodes that can start together: networks and volumes first, then each container one
 * wave after the last thing it waits for. A job's dependents wait for its completion. The same
 * topology always gives the same plan (waves sorted by node id). Run handlers (`spec.handlers`)
 * are left out: they run after the run.
 */
export function plan(input: Topology): PlanResult {
  // Handler jobs run after the run, apart from its graph (electron/runs/run-handlers.ts).
  const topology = withoutHandlers(input);
  const nodes = topology.spec.nodes;
  const missing: Problem[] = [];
  for (const [id, node] of Object.entries(nodes)) {
    for (const edge of edgesOf(id, node)) {
      // An optional dependency that is absent is simply not waited for.
      if (!Object.hasOwn(nodes, edge.to) && edge.optional !== true) {
        missing.push(
          problem(
            'DEPENDENCY_MISSING',
            `"${id}" needs "${edge.to}", which does not exist.`,
            ['spec', 'nodes', id, ...edge.field],
            { nodeId: id },
          ),
        );
      }
    }
  }
  if (missing.length > 0) return { ok: false, problems: missing };

  const graph = dependencyGraph(topology);
  const level = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  const waiting = new Map<string, number>();
  const ready: string[] = [];
  for (const [id, edges] of graph) {
    const targets = new Set(edges.map((e) => e.to));
    waiting.set(id, targets.size);
    for (const to of targets) {
      const list = dependents.get(to);
      if (list) list.push(id);
      else dependents.set(to, [id]);
    }
    if (targets.size === 0) ready.push(id);
  }
  // Kahn's algorithm; a node's level is one more than its deepest dependency.
  for (let head = 0; head < ready.length; head++) {
    const id = ready[head] ?? '';
    const node = nodes[id];
    const base = node && isContainer(node) ? 1 : 0;
    const deps = graph.get(id) ?? [];
    level.set(
      id,
      deps.reduce((max, e) => Math.max(max, (level.get(e.to) ?? 0) + 1), base),
    );
    for (const next of dependents.get(id) ?? []) {
      const left = (waiting.get(next) ?? 0) - 1;
      waiting.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  if (level.size < graph.size) {
    const problems = findCycles(graph).map((cycle) =>
      problem(
        'DEPENDENCY_CYCLE',
        `Dependency cycle: ${[...cycle, cycle[0]].join(' → ')}; no order can start it.`,
        ['spec', 'nodes', cycle[0] ?? '', 'dependsOn'],
        { nodeId: cycle[0] ?? '', related: cycle },
      ),
    );
    return { ok: false, problems };
  }

  const buckets = new Map<number, string[]>();
  for (const [id, l] of level) {
    const bucket = buckets.get(l);
    if (bucket) bucket.push(id);
    else buckets.set(l, [id]);
  }
  const levels = [...buckets.keys()].sort((a, b) => a - b);
  const waves = levels.map((l, index) => ({
    index,
    steps: (buckets.get(l) ?? []).sort(byCodePoint).map((id) => startStep(id, nodes, graph.get(id) ?? [])),
  }));
  const teardown = [...waves].reverse().map((wave, index) => ({
    index,
    steps: wave.steps.map((step) => ({
      ...step,
      action: isExternal(nodes[step.nodeId]) ? ('leave' as const) : ('remove' as const),
      waitFor: (dependents.get(step.nodeId) ?? [])
        .sort(byCodePoint)
        .map((nodeId) => ({ nodeId, condition: 'created' as const })),
    })),
  }));
  return { ok: true, plan: { waves, teardown } };
}

function isExternal(node: TopologyNode | undefined): boolean {
  return node !== undefined && !isContainer(node) && node.external === true;
}

function startStep(
  id: string,
  nodes: Topology['spec']['nodes'],
  edges: ReturnType<typeof edgesOf>,
): PlanStep {
  const node = nodes[id];
  if (node === undefined) throw new Error(`plan: node ${id} vanished`);
  const action: StartAction = isContainer(node)
    ? node.kind === 'job'
      ? 'run'
      : 'start'
    : node.external
      ? 'use-existing'
      : 'create';
  const waits = new Map<string, DependencyCondition | 'created'>();
  // A node reached by any required edge is required; only edges that are all optional are not.
  const required = new Map<string, boolean>();
  for (const edge of edges) {
    required.set(edge.to, (required.get(edge.to) ?? false) || edge.optional !== true);
    const target = nodes[edge.to];
    const condition =
      target === undefined || !isContainer(target)
        ? 'created'
        : target.kind === 'job'
          ? 'completed'
          : edge.condition;
    // The strongest condition wins when one node is reached twice (declared and implied).
    const previous = waits.get(edge.to);
    if (previous === undefined || rank(condition) > rank(previous)) waits.set(edge.to, condition);
  }
  const waitFor = [...waits.entries()]
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([nodeId, condition]) => ({
      nodeId,
      condition,
      ...(required.get(nodeId) ? {} : { required: false }),
    }));
  return { nodeId: id, kind: node.kind, name: node.name ?? id, action, waitFor };
}

const RANKS: Record<DependencyCondition | 'created', number> = {
  created: 0,
  started: 1,
  healthy: 2,
  completed: 3,
};
function rank(condition: DependencyCondition | 'created'): number {
  return RANKS[condition];
}
