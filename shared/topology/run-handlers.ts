import { handlerIds } from './handler-parts';
import type { Topology } from './model';

/**
 * The topology without its handler jobs (and without `spec.handlers`): the normal graph a run
 * plans and starts. The same object when it names no handler.
 */
export function withoutHandlers(topology: Topology): Topology {
  const ids = handlerIds(topology.spec.handlers);
  if (ids.size === 0 && topology.spec.handlers === undefined) return topology;
  const { handlers: _handlers, ...spec } = topology.spec;
  const nodes = Object.fromEntries(Object.entries(spec.nodes).filter(([id]) => !ids.has(id)));
  return { ...topology, spec: { ...spec, nodes } };
}
