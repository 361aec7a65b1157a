import type { ServiceNode } from '../topology/model';
import { metadata, nodePath, selectorLabels, type K8sContext } from './context';
import type { IService, IServicePort } from './k8s-types';
import { dnsLabel } from './names';

/*
 * A service node's Service: its `ports` and `expose` as ClusterIP ports (target = port, as other
 * containers reach it on the Docker network). A service without ports gets a headless Service
 * when it needs one anyway: it is waited for, or it is a StatefulSet (which names its Service).
 * A network alias becomes one more Service with the same ports, so the alias still resolves.
 * Published host ports are not opened: the report gives the `kubectl port-forward` command.
 */

/** More exposed ports than this in one range are left out (a Service lists each port). */
const MAX_RANGE = 100;

type Protocol = 'TCP' | 'UDP' | 'SCTP';

function protocolOf(value: string | undefined): Protocol | undefined {
  const upper = (value ?? 'tcp').toUpperCase();
  return upper === 'TCP' || upper === 'UDP' || upper === 'SCTP' ? upper : undefined;
}

export function servicePorts(ctx: K8sContext, id: string, node: ServiceNode): IServicePort[] {
  const ports = new Map<string, IServicePort>();
  const add = (port: number, protocol: Protocol) => {
    if (!Number.isInteger(port) || port < 1 || port > 65535) return;
    const name = `${protocol.toLowerCase()}-${port}`;
    ports.set(name, { name, port, targetPort: port, protocol });
  };
  for (const port of node.ports ?? []) add(port.target, protocolOf(port.protocol) ?? 'TCP');
  node.expose?.forEach((entry, i) => {
    const match = /^(\d+)(?:-(\d+))?(?:\/(\w+))?$/.exec(String(entry).trim());
    const protocol = protocolOf(match?.[3]);
    const from = Number(match?.[1]);
    const to = match?.[2] === undefined ? from : Number(match[2]);
    if (!match || protocol === undefined || to < from || to - from >= MAX_RANGE) {
      ctx.note({
        code: 'EXPOSE',
        level: 'warning',
        nodeId: id,
        field: nodePath(id, 'expose', i),
        message: `expose "${entry}" is not exported: a Service lists each port (at most ${MAX_RANGE} from one range).`,
      });
      return;
    }
    for (let port = from; port <= to; port++) add(port, protocol);
  });
  return [...ports.values()].sort((a, b) => (a.port ?? 0) - (b.port ?? 0) || a.name!.localeCompare(b.name!));
}

function service(
  ctx: K8sContext,
  name: string,
  workload: string,
  id: string,
  ports: IServicePort[],
): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(ctx, name, { labels: { 'app.kubernetes.io/name': workload }, nodeId: id }),
    spec:
      ports.length > 0
        ? { type: 'ClusterIP', selector: selectorLabels(ctx, workload), ports }
        : { clusterIP: 'None', selector: selectorLabels(ctx, workload) },
  };
}

export interface ServicesOptions {
  /** The Service must exist even without ports (waited for, or governing a StatefulSet). */
  readonly required: boolean;
}

export function nodeServices(
  ctx: K8sContext,
  id: string,
  node: ServiceNode,
  options: ServicesOptions,
): IService[] {
  const workload = ctx.names.workload.get(id) ?? id;
  const ports = servicePorts(ctx, id, node);
  reportPublished(ctx, id, node, workload);
  if (ports.length === 0 && !options.required) return [];
  const out = [service(ctx, workload, workload, id, ports)];
  node.networks?.forEach((attachment, i) => {
    attachment.aliases?.forEach((alias, j) => {
      const wanted = dnsLabel(alias);
      if (ctx.names.services.has(wanted)) {
        if (wanted !== workload) {
          ctx.note({
            code: 'NETWORK',
            level: 'warning',
            nodeId: id,
            field: nodePath(id, 'networks', i, 'aliases', j),
            message: `Alias "${alias}" of "${workload}" is the name of another Service: not exported.`,
          });
        }
        return;
      }
      const name = ctx.names.services.allocate(wanted);
      if (name !== alias) {
        ctx.note({
          code: 'NAME_CHANGED',
          level: 'warning',
          nodeId: id,
          field: nodePath(id, 'networks', i, 'aliases', j),
          message: `Alias "${alias}" of "${workload}" is the Service "${name}" in Kubernetes: clients that use "${alias}" will not find it.`,
        });
      }
      out.push(service(ctx, name, workload, id, ports));
    });
  });
  return out;
}

function reportPublished(ctx: K8sContext, id: string, node: ServiceNode, workload: string): void {
  const published = (node.ports ?? []).filter((p) => p.published !== undefined || p.hostIp !== undefined);
  if (published.length === 0) return;
  const pairs = published.map(
    (p) =>
      `${p.published ?? 'any'}:${p.target}${p.protocol === undefined || p.protocol === 'tcp' ? '' : `/${p.protocol}`}`,
  );
  const hostIps = [...new Set(published.flatMap((p) => (p.hostIp === undefined ? [] : [p.hostIp])))];
  const replicas = node.replicas ?? 1;
  const forwarded = [
    ...new Set(
      published
        .filter((p) => (p.protocol ?? 'tcp') === 'tcp' && /^\d+$/.test(String(p.published ?? p.target)))
        .map((p) => `${p.published ?? p.target}:${p.target}`),
    ),
  ];
  ctx.note({
    code: 'PUBLISHED_PORT',
    level: 'warning',
    nodeId: id,
    field: nodePath(id, 'ports'),
    object: `Service/${workload}`,
    message: `Host ports ${pairs.join(', ')}${hostIps.length > 0 ? ` (on ${hostIps.join(', ')})` : ''} of "${workload}" are not opened on the nodes: the pods are reached in the cluster as ${workload}:<port>${replicas > 1 ? ` (its ${replicas} replicas share the Service, where a fixed host port would allow one per node)` : ''}. From your machine, forward them (TCP only); for outside traffic, make the Service a LoadBalancer or NodePort, or add an Ingress.`,
    ...(forwarded.length > 0
      ? { command: `kubectl port-forward service/${workload} ${forwarded.join(' ')}` }
      : {}),
  });
}
