import { isContainer, type Topology } from './model';
import { problem, type Problem } from './problem';

export interface ProfileSelection {
  /** The topology with only the nodes that run under the active profiles. */
  readonly topology: Topology;
  /** Nodes left out because none of their profiles is active, sorted. */
  readonly excluded: readonly string[];
  readonly problems: readonly Problem[];
}

/** Every profile some node names, sorted (for a picker). */
export function profilesOf(topology: Topology): string[] {
  const names = new Set<string>();
  for (const node of Object.values(topology.spec.nodes)) {
    if (isContainer(node)) for (const name of node.profiles ?? []) names.add(name);
  }
  return [...names].sort();
}

/**
 * Compose's profiles: a service or job with `profiles` runs only when one of them is active
 * (`*` activates all); one without runs always. A node that runs and requires a node that does
 * not is a problem (PROFILE_DEPENDENCY_DISABLED), unless the dependency is `required: false` —
 * then it starts without it. Volumes and networks always stay.
 */
export function selectProfiles(topology: Topology, active: readonly string[]): ProfileSelection {
  const all = active.includes('*');
  const on = new Set(active);
  const nodes = topology.spec.nodes;
  const excluded = Object.keys(nodes)
    .filter((id) => {
      const node = nodes[id]!;
      return (
        isContainer(node) &&
        (node.profiles?.length ?? 0) > 0 &&
        !all &&
        !node.profiles!.some((p) => on.has(p))
      );
    })
    .sort();
  if (excluded.length === 0) return { topology, excluded, problems: [] };
  const gone = new Set(excluded);
  const problems: Problem[] = [];
  const kept: Topology['spec']['nodes'] = {};
  for (const [id, node] of Object.entries(nodes)) {
    if (gone.has(id)) continue;
    if (!isContainer(node) || !node.dependsOn?.some((dep) => gone.has(dep.node))) {
      kept[id] = node;
      continue;
    }
    node.dependsOn.forEach((dep, i) => {
      if (gone.has(dep.node) && dep.required !== false) {
        const profiles = (nodes[dep.node] as { profiles?: string[] }).profiles ?? [];
        problems.push(
          problem(
            'PROFILE_DEPENDENCY_DISABLED',
            `"${id}" requires "${dep.node}", which runs only with profile ${profiles.map((p) => `"${p}"`).join(' or ')}: activate it, or mark the dependency \`required: false\`.`,
            ['spec', 'nodes', id, 'dependsOn', i, 'node'],
            { nodeId: id, related: [dep.node] },
          ),
        );
      }
    });
    kept[id] = { ...node, dependsOn: node.dependsOn.filter((dep) => !gone.has(dep.node)) };
  }
  return { topology: { ...topology, spec: { ...topology.spec, nodes: kept } }, excluded, problems };
}
