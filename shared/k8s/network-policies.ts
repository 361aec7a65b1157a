import {
  isContainer,
  sharedNetworkService,
  type ContainerNode,
  type NetworkNode,
  type Topology,
} from '../topology/model';
import { metadata, nodePath, selectorLabels, type K8sContext } from './context';
import type { INetworkPolicy } from './k8s-types';
import { servicePorts } from './services';

/*
 * Docker networks as NetworkPolicies: every pod carries a label per network it joins (no
 * `networks` = the project's default network), and each network has one policy that selects its
 * pods and admits traffic only from pods with the same label. Policies add up, so a pod on two
 * networks hears both. A service with published ports also gets a policy that admits anyone on
 * those ports, as Docker's published ports do. Egress is not restricted.
 */

export const NETWORK_LABEL_PREFIX = 'net.dockwright.dev/';

export const networkLabel = (network: string): string => `${NETWORK_LABEL_PREFIX}${network}`;

/** The Kubernetes names of the networks a container's pods join; empty when it has no network. */
export function podNetworks(ctx: K8sContext, node: ContainerNode, seen = new Set<ContainerNode>()): string[] {
  const mode = node.networkMode;
  const shared = sharedNetworkService(mode);
  if (shared !== undefined) {
    const other = ctx.topology.spec.nodes[shared];
    if (other === undefined || !isContainer(other) || seen.has(other)) return [];
    seen.add(node);
    return podNetworks(ctx, other, seen);
  }
  if (mode === 'host' || mode === 'none' || mode?.startsWith('container:') === true) return [];
  if (node.networks === undefined || node.networks.length === 0) return [ctx.names.defaultNetwork];
  return node.networks.flatMap((n) => {
    const name = ctx.names.network.get(n.network);
    return name === undefined ? [] : [name];
  });
}

export function networkLabels(ctx: K8sContext, node: ContainerNode): Record<string, string> {
  return Object.fromEntries(podNetworks(ctx, node).map((name) => [networkLabel(name), 'true']));
}

function policy(ctx: K8sContext, name: string, network: string, nodeId?: string): INetworkPolicy {
  const members = { matchLabels: { [networkLabel(network)]: 'true' } };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata(ctx, name, nodeId === undefined ? {} : { nodeId }),
    spec: { podSelector: members, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: members }] }] },
  };
}

function usedNetworks(ctx: K8sContext): Set<string> {
  const used = new Set<string>();
  for (const node of Object.values(ctx.topology.spec.nodes)) {
    if (isContainer(node)) for (const name of podNetworks(ctx, node)) used.add(name);
  }
  return used;
}

function reportNetwork(ctx: K8sContext, id: string, node: NetworkNode): void {
  const name = ctx.names.network.get(id) ?? id;
  const lost = [
    node.driver === undefined ? undefined : 'driver',
    node.driverOpts === undefined ? undefined : 'driverOpts',
    node.subnets === undefined ? undefined : 'subnets',
    node.enableIpv6 === undefined ? undefined : 'enableIpv6',
    node.attachable === undefined ? undefined : 'attachable',
  ].filter((f) => f !== undefined);
  if (lost.length > 0) {
    ctx.note({
      code: 'NETWORK',
      level: 'info',
      nodeId: id,
      field: nodePath(id, lost[0]!),
      message: `The cluster's network plugin decides addresses and drivers: ${lost.join(', ')} of network "${name}" ${lost.length === 1 ? 'is' : 'are'} not exported.`,
    });
  }
  if (node.internal === true) {
    ctx.note({
      code: 'NETWORK',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, 'internal'),
      object: `NetworkPolicy/${name}`,
      message: `Network "${name}" is internal (no traffic out), but the export restricts ingress only: add an Egress policy to keep its pods in.`,
    });
  }
  if (node.external === true) {
    ctx.note({
      code: 'NETWORK',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, 'external'),
      object: `NetworkPolicy/${name}`,
      message: `Network "${name}" is external: only the exported pods carry its label, so containers outside the topology cannot reach them through it.`,
    });
  }
}

export function networkPolicies(ctx: K8sContext): INetworkPolicy[] {
  const { topology } = ctx;
  const used = usedNetworks(ctx);
  const out: INetworkPolicy[] = [];
  if (used.has(ctx.names.defaultNetwork)) {
    out.push(policy(ctx, ctx.names.policies.allocate(ctx.names.defaultNetwork), ctx.names.defaultNetwork));
  }
  for (const [id, node] of Object.entries(topology.spec.nodes)) {
    if (node.kind !== 'network') continue;
    reportNetwork(ctx, id, node);
    const name = ctx.names.network.get(id) ?? id;
    if (used.has(name)) out.push(policy(ctx, ctx.names.policies.allocate(name), name, id));
  }
  out.push(...publishedPolicies(ctx, topology));
  return out;
}

/** Published ports are open to everyone in Docker: a policy per such service admits anyone on them. */
function publishedPolicies(ctx: K8sContext, topology: Topology): INetworkPolicy[] {
  const out: INetworkPolicy[] = [];
  for (const [id, node] of Object.entries(topology.spec.nodes)) {
    if (node.kind !== 'service' || node.networkMode === 'host') continue;
    const published = (node.ports ?? []).filter((p) => p.published !== undefined);
    if (published.length === 0) continue;
    const workload = ctx.names.workload.get(id) ?? id;
    const targets = new Set(published.map((p) => `${(p.protocol ?? 'tcp').toUpperCase()}-${p.target}`));
    const ports = servicePorts(ctx, id, { ...node, expose: undefined })
      .filter((p) => targets.has(`${p.protocol}-${p.port}`))
      .map((p) => ({ port: p.port, protocol: p.protocol }));
    out.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata(ctx, ctx.names.policies.allocate(`${workload}-published`), { nodeId: id }),
      spec: {
        podSelector: { matchLabels: selectorLabels(ctx, workload) },
        policyTypes: ['Ingress'],
        ingress: [{ ports }],
      },
    });
  }
  return out;
}
