import { sharedNetworkService, type ContainerNode } from '../topology/model';
import { nodePath, selectorLabels, type K8sContext } from './context';
import { mainContainer } from './container';
import type { IHostAlias, IPodSpec, IPodTemplateSpec } from './k8s-types';
import { dnsLabel } from './names';
import { networkLabels } from './network-policies';
import { seconds } from './quantities';
import { addFileGrants } from './secrets';
import { podSecurity } from './security';
import { userLabels } from './labels';
import { runtimeClassName } from './runtime-class';
import { reportUnsupported } from './unsupported';
import { addMounts, PodStorage } from './volumes';
import { waitContainers, type WaitSpec } from './waits';

/** `host:ip` or `host=ip` entries as hostAliases, one per address; `host-gateway` has no equivalent. */
function hostAliases(ctx: K8sContext, id: string, entries: readonly string[]): IHostAlias[] {
  const byIp = new Map<string, string[]>();
  entries.forEach((entry, i) => {
    const at = entry.includes('=') ? entry.indexOf('=') : entry.indexOf(':');
    const host = entry.slice(0, at);
    const ip = entry.slice(at + 1).replace(/^\[(.*)\]$/, '$1');
    if (at <= 0 || ip === '' || ip === 'host-gateway') {
      ctx.note({
        code: 'EXTRA_HOSTS',
        level: 'warning',
        nodeId: id,
        field: nodePath(id, 'extraHosts', i),
        message: `extra host "${entry}" is not exported: ${ip === 'host-gateway' ? 'a pod has no "host gateway"; use the node\'s address or a Service' : 'it is not host:address'}.`,
      });
      return;
    }
    const hosts = byIp.get(ip) ?? [];
    hosts.push(host);
    byIp.set(ip, hosts);
  });
  return [...byIp].map(([ip, hostnames]) => ({ ip, hostnames }));
}

/** `linux/arm64[/v8]` as a node selector on the os and the architecture. */
function nodeSelector(ctx: K8sContext, id: string, platform: string): Record<string, string> {
  const [os, arch, variant] = platform.split('/');
  if (variant !== undefined) {
    ctx.note({
      code: 'PLATFORM',
      level: 'info',
      nodeId: id,
      field: nodePath(id, 'platform'),
      message: `Nodes are selected by os and architecture; the variant "${variant}" of ${platform} is not exported.`,
    });
  }
  return {
    ...(os === undefined || os === '' ? {} : { 'kubernetes.io/os': os }),
    ...(arch === undefined || arch === '' ? {} : { 'kubernetes.io/arch': arch }),
  };
}

/** Host namespaces and network modes: the ones Kubernetes has, and a report for the rest. */
function namespaces(ctx: K8sContext, id: string, node: ContainerNode): Partial<IPodSpec> {
  const spec: Partial<IPodSpec> = {};
  const name = ctx.names.workload.get(id) ?? id;
  const host = (field: 'networkMode' | 'pid' | 'ipc', what: string) =>
    ctx.note({
      code: 'HOST_NAMESPACE',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, field),
      message: `"${name}" shares the node's ${what}: exported, but the "baseline" and "restricted" Pod Security Standards refuse such pods.`,
    });
  if (node.networkMode === 'host') {
    spec.hostNetwork = true;
    spec.dnsPolicy = 'ClusterFirstWithHostNet';
    host('networkMode', 'network');
  } else if (node.networkMode !== undefined && node.networkMode !== 'bridge') {
    const shared = sharedNetworkService(node.networkMode);
    ctx.note({
      code: 'NETWORK_MODE',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, 'networkMode'),
      message:
        node.networkMode === 'none'
          ? `A pod always has a network: "${name}" gets one, and no NetworkPolicy selects it, so other pods can reach it.`
          : `Containers share a network stack only inside one pod: "${name}" gets its own${shared === undefined ? '' : `, with the network labels of "${ctx.names.workload.get(shared) ?? shared}", and reaches it by its Service instead of localhost`}.`,
    });
  }
  if (node.pid === 'host') {
    spec.hostPID = true;
    host('pid', 'process ids');
  } else if (node.pid !== undefined) {
    ctx.note({
      code: 'HOST_NAMESPACE',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, 'pid'),
      message: `pid "${node.pid}" of "${name}" is not exported: containers share process ids only inside one pod (shareProcessNamespace).`,
    });
  }
  if (node.ipc === 'host') {
    spec.hostIPC = true;
    host('ipc', 'IPC namespace');
  } else if (node.ipc !== undefined && node.ipc !== 'private' && node.ipc !== 'shareable') {
    ctx.note({
      code: 'HOST_NAMESPACE',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, 'ipc'),
      message: `ipc "${node.ipc}" of "${name}" is not exported: containers share IPC only inside one pod.`,
    });
  }
  return spec;
}

export interface PodParts {
  readonly template: IPodTemplateSpec;
  /** Whether the pod mounts a named volume (a claim), which makes a single service a StatefulSet. */
  readonly mountsClaim: boolean;
}

export function podTemplate(
  ctx: K8sContext,
  id: string,
  node: ContainerNode,
  waits: readonly WaitSpec[],
): PodParts {
  const name = ctx.names.workload.get(id) ?? id;
  const storage = new PodStorage();
  addMounts(ctx, id, node, storage);
  addFileGrants(ctx, id, node, storage);
  const container = mainContainer(ctx, id, node, storage);
  reportUnsupported(ctx, id, node);
  const user = userLabels(ctx, id, node.labels);
  const aliases = node.extraHosts === undefined ? [] : hostAliases(ctx, id, node.extraHosts);
  const security = podSecurity(ctx, id, node);
  const grace = seconds(node.stopGracePeriod, 0);
  const hostname = node.hostname === undefined ? undefined : dnsLabel(node.hostname);
  if (node.hostname !== undefined && hostname !== node.hostname) {
    ctx.note({
      code: 'NAME_CHANGED',
      level: 'info',
      nodeId: id,
      field: nodePath(id, 'hostname'),
      message: `Hostname "${node.hostname}" of "${name}" is "${hostname}" in Kubernetes (a pod's hostname is one DNS label).`,
    });
  }
  if (node.dns !== undefined && node.dns.length > 0) {
    ctx.note({
      code: 'DNS',
      level: 'info',
      nodeId: id,
      field: nodePath(id, 'dns'),
      message: `The DNS servers of "${name}" come after the cluster's DNS (dnsConfig with the ClusterFirst policy), so Service names still resolve; at most 3 in all.`,
    });
  }
  const spec: IPodSpec = {
    // Docker injects no variables per service; Kubernetes' service links would (WEB_PORT=tcp://…).
    enableServiceLinks: false,
    ...(waits.length > 0 ? { serviceAccountName: ctx.names.waitAccount } : {}),
    ...(hostname === undefined ? {} : { hostname }),
    ...namespaces(ctx, id, node),
    ...(aliases.length > 0 ? { hostAliases: aliases } : {}),
    ...(node.dns !== undefined && node.dns.length > 0
      ? { dnsConfig: { nameservers: node.dns.slice(0, 2) } }
      : {}),
    ...(node.platform === undefined ? {} : { nodeSelector: nodeSelector(ctx, id, node.platform) }),
    ...(node.runtime === undefined ? {} : { runtimeClassName: runtimeClassName(node.runtime) }),
    ...(grace === undefined ? {} : { terminationGracePeriodSeconds: grace }),
    ...(security === undefined ? {} : { securityContext: security }),
    ...(waits.length > 0 ? { initContainers: waitContainers(ctx, waits) } : {}),
    containers: [container],
    ...(storage.volumes.length > 0 ? { volumes: storage.volumes } : {}),
  };
  return {
    template: {
      metadata: {
        labels: { ...user.labels, ...selectorLabels(ctx, name), ...networkLabels(ctx, node) },
        ...(Object.keys(user.annotations).length > 0 ? { annotations: user.annotations } : {}),
      },
      spec,
    },
    mountsClaim: storage.volumes.some((v) => v.persistentVolumeClaim !== undefined),
  };
}
