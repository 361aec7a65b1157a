import type { NodeRunStateName, RunSummary } from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import { dependencyGraph, handlerIds, isContainer, type Topology } from '../../shared/topology';

/** Whether a node of an ended run did not get to where it should be. */
export function unfinished(state: NodeRunStateName | undefined, kind: string | undefined): boolean {
  switch (state) {
    case 'failed':
    case 'cancelled':
    case 'skipped':
    case 'pending':
    case 'starting':
    case 'retrying':
    case undefined:
      return true;
    case 'running':
      // A job still running when its run ended (interrupted) never finished.
      return kind === 'job';
    default:
      return false;
  }
}

/**
 * The nodes a rerun runs again: those of the earlier run that failed, were cancelled or skipped
 * (or never finished, in an interrupted run), or just `from` when named, and everything that
 * depends on them, directly or not. Handlers are left out: they run after the rerun as after any
 * run. Sorted. Throws INVALID_INPUT when `from` is not a service or job of the run, or when there
 * is nothing to rerun.
 */
export function rerunNodes(topology: Topology, run: RunSummary, from?: string): string[] {
  const nodes = topology.spec.nodes;
  const handlers = handlerIds(topology.spec.handlers);
  const runnable = (id: string) => Object.hasOwn(nodes, id) && !handlers.has(id);
  let seeds: string[];
  if (from !== undefined) {
    const node = runnable(from) ? nodes[from] : undefined;
    if (!node || !isContainer(node))
      throw new ApiError('INVALID_INPUT', `"${from}" is not a service or job of run ${run.runId}`, {
        nodeId: from,
      });
    seeds = [from];
  } else {
    seeds = Object.keys(nodes).filter(
      (id) => runnable(id) && unfinished(run.nodes[id]?.state, nodes[id]?.kind),
    );
  }
  if (seeds.length === 0)
    throw new ApiError(
      'INVALID_INPUT',
      `run ${run.runId} of ${run.project} ${run.state === 'succeeded' ? 'succeeded' : 'has no node to run again'}: nothing to rerun (name a node to rerun it and its dependents)`,
      { runId: run.runId },
    );
  const dependents = new Map<string, string[]>();
  for (const [id, edges] of dependencyGraph(topology)) {
    for (const edge of edges) {
      const list = dependents.get(edge.to);
      if (list) list.push(id);
      else dependents.set(edge.to, [id]);
    }
  }
  const chosen = new Set<string>();
  const stack = [...seeds];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (chosen.has(id) || !runnable(id)) continue;
    chosen.add(id);
    stack.push(...(dependents.get(id) ?? []));
  }
  return [...chosen].sort();
}
