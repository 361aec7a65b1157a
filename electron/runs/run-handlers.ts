import type { NodeRunStateName } from '../../shared/ipc/contract';
import {
  edgesOf,
  handlerIds,
  handlersFor,
  isContainer,
  plan,
  type EndedStatus,
  type Topology,
} from '../../shared/topology';
import { executeRun, type ExecuteRunOptions, type RunOutcome } from './execute-run';

/** The variables a handler job is told how the run ended with. */
export const RUN_STATUS_VARIABLE = 'DOCKWRIGHT_RUN_STATUS';
export const FAILED_NODES_VARIABLE = 'DOCKWRIGHT_FAILED_NODES';

/** After Cancel, `onExit` handlers still run, but not for longer than this. */
export const CANCELLED_HANDLERS_MS = 60_000;

/** The handler jobs to run, with the volumes and networks they use (already ensured by the run). */
export function handlerTopology(topology: Topology, handlers: readonly string[]): Topology {
  const { handlers: _handlers, ...spec } = topology.spec;
  const keep = new Set(handlers);
  for (const id of handlers) {
    const node = topology.spec.nodes[id];
    if (!node) continue;
    for (const edge of edgesOf(id, node)) {
      const target = topology.spec.nodes[edge.to];
      if (target && !isContainer(target)) keep.add(edge.to);
    }
  }
  const nodes = Object.fromEntries(Object.entries(spec.nodes).filter(([id]) => keep.has(id)));
  return { ...topology, spec: { ...spec, nodes } };
}

const EVENT_WORDS: Record<EndedStatus, string> = {
  succeeded: 'onSuccess and onExit run',
  failed: 'onFailure and onExit run',
  cancelled: 'only onExit runs',
};

/**
 * Runs the run's graph, then the topology's handlers for how it ended (`spec.handlers`): each
 * chosen handler job runs (always, even when unchanged and done before) with
 * `DOCKWRIGHT_RUN_STATUS` and `DOCKWRIGHT_FAILED_NODES` in its environment; the others are
 * skipped, saying why. A handler's own failure shows on its node; the run ends as its graph did.
 */
export async function executeWithHandlers(options: ExecuteRunOptions): Promise<RunOutcome> {
  const { topology } = options;
  const all = handlerIds(topology.spec.handlers);
  if (all.size === 0) return executeRun(options);
  const states = new Map<string, NodeRunStateName>();
  const outcome = await executeRun({
    ...options,
    onNode: (state) => {
      states.set(state.nodeId, state.state);
      options.onNode(state);
    },
  });
  const status: EndedStatus = options.signal.aborted ? 'cancelled' : outcome;
  const chosen = handlersFor(topology.spec.handlers, status).filter(
    (id) => topology.spec.nodes[id]?.kind === 'job',
  );
  const now = () => new Date().toISOString();
  for (const id of all) {
    if (!chosen.includes(id) && topology.spec.nodes[id])
      options.onNode({
        nodeId: id,
        state: 'skipped',
        at: now(),
        reason: `a handler not needed: the run ${status} (${EVENT_WORDS[status]})`,
      });
  }
  if (chosen.length === 0) return outcome;
  const failed = [...states]
    .filter(([, state]) => state === 'failed')
    .map(([id]) => id)
    .sort();
  const handlers = handlerTopology(topology, chosen);
  const planned = plan(handlers);
  if (!planned.ok) {
    for (const id of chosen)
      options.onNode({
        nodeId: id,
        state: 'failed',
        at: now(),
        error: { kind: 'fatal', message: planned.problems.map((p) => p.message).join('; ') },
      });
    return outcome;
  }
  options.onLog('', 'system', `the run ${status}: running handlers ${chosen.join(', ')}`);
  const signal = status === 'cancelled' ? AbortSignal.timeout(CANCELLED_HANDLERS_MS) : options.signal;
  const vars = { [RUN_STATUS_VARIABLE]: status, [FAILED_NODES_VARIABLE]: failed.join(',') };
  const handlerSet = new Set(chosen);
  await executeRun({
    ...options,
    topology: handlers,
    plan: planned.plan,
    signal,
    rerun: new Set([...(options.rerun ?? []), ...chosen]),
    runVars: (nodeId) => (handlerSet.has(nodeId) ? vars : {}),
    // The volumes and networks were reported by the run; only the handlers' states are news.
    onNode: (state) => {
      if (handlerSet.has(state.nodeId)) options.onNode(state);
    },
  });
  return outcome;
}
