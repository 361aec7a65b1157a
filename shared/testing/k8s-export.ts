/*
 * Helpers for the exporter's tests: export a few nodes, find objects by kind and name, and read a
 * value as Kubernetes will (after its `$$` unescaping). Imported by *.test.ts files only.
 */
import { makeTopology } from './topologies';
import type { Topology, TopologyNode } from '../topology/model';
import { exportKubernetes } from '../k8s/export';
import type {
  IContainer,
  IPodSpec,
  K8sExport,
  K8sExportOptions,
  KubeKind,
  KubeObject,
} from '../k8s/k8s-types';

export function exportNodes(
  nodes: Record<string, TopologyNode>,
  spec: Partial<Topology['spec']> = {},
  options: K8sExportOptions = {},
): K8sExport {
  return exportKubernetes(makeTopology(nodes, { spec }), options);
}

export function find<K extends KubeKind>(
  out: K8sExport,
  kind: K,
  name: string,
): Extract<KubeObject, { kind: K }> {
  const found = out.objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (found === undefined)
    throw new Error(
      `no ${kind}/${name} in ${out.objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`,
    );
  return found as Extract<KubeObject, { kind: K }>;
}

export function podSpec(object: KubeObject): IPodSpec {
  if (object.kind !== 'Deployment' && object.kind !== 'StatefulSet' && object.kind !== 'Job')
    throw new Error(`${object.kind} has no pod`);
  const spec = object.spec?.template.spec;
  if (spec === undefined) throw new Error('no pod spec');
  return spec;
}

export function mainContainerOf(object: KubeObject): IContainer {
  const container = podSpec(object).containers[0];
  if (container === undefined) throw new Error('no container');
  return container;
}

/** What a container runs once Kubernetes has read `$$` as `$`. */
export const unescape = (value: string): string => value.replaceAll('$$', '$');

export const codes = (out: K8sExport): string[] => out.fidelity.map((item) => item.code);

/**
 * Dependency edges with no init container waiting for them, as `from -> to (condition)`: each
 * edge must have an init container in the dependent's pod whose script names the dependency's
 * Service (endpoints) or Job.
 */
export function missingWaits(topology: Topology, out: K8sExport): string[] {
  const missing: string[] = [];
  const names = new Map(
    out.objects.flatMap((o) => {
      const id = o.metadata?.annotations?.['dockwright.dev/node'];
      return id !== undefined && (o.kind === 'Deployment' || o.kind === 'StatefulSet' || o.kind === 'Job')
        ? [[id, o] as const]
        : [];
    }),
  );
  for (const [id, node] of Object.entries(topology.spec.nodes)) {
    if (node.kind !== 'service' && node.kind !== 'job') continue;
    const workload = names.get(id);
    const inits = workload === undefined ? [] : (podSpec(workload).initContainers ?? []);
    for (const dep of node.dependsOn ?? []) {
      const target = names.get(dep.node);
      const targetName = target?.metadata?.name;
      const kind = target?.kind === 'Job' ? 'job' : 'endpoints';
      const found = inits.some(
        (c) =>
          targetName !== undefined &&
          c.name === `wait-for-${targetName}`.slice(0, 63).replace(/-+$/, '') &&
          unescape(c.command?.[2] ?? '').includes(`kubectl get ${kind} ${targetName} `),
      );
      if (!found) missing.push(`${id} -> ${dep.node} (${dep.condition})`);
    }
  }
  return missing;
}
