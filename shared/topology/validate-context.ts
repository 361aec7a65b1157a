import type { Topology, TopologyNode } from './model';
import type { PathSegment, Problem } from './problem';

/** Built once per validate() call so that every check is a lookup, never a scan. */
export interface ValidationContext {
  readonly topology: Topology;
  readonly entries: readonly (readonly [string, TopologyNode])[];
  readonly nodes: Readonly<Record<string, TopologyNode>>;
  readonly out: Problem[];
}

export function createContext(topology: Topology): ValidationContext {
  return { topology, entries: Object.entries(topology.spec.nodes), nodes: topology.spec.nodes, out: [] };
}

export function nodePath(id: string, ...rest: PathSegment[]): PathSegment[] {
  return ['spec', 'nodes', id, ...rest];
}

export function nodeById(ctx: ValidationContext, id: string): TopologyNode | undefined {
  return Object.hasOwn(ctx.nodes, id) ? ctx.nodes[id] : undefined;
}

export function displayName(id: string, node: TopologyNode): string {
  return node.name ?? id;
}
