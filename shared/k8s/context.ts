import { isContainer, type Topology } from '../topology/model';
import { formatPath, type PathSegment } from '../topology/problem';
import {
  DEFAULT_NAMESPACE,
  DEFAULT_VOLUME_SIZE,
  DEFAULT_WAIT_IMAGE,
  type IDeployment,
  type K8sExportOptions,
  type K8sFidelityCode,
  type K8sFidelityItem,
} from './k8s-types';
import { dnsLabel, NameTable } from './names';

export type ObjectMeta = NonNullable<IDeployment['metadata']>;

export interface NoteInput {
  readonly code: K8sFidelityCode;
  readonly level: 'warning' | 'info';
  readonly nodeId?: string;
  readonly field: readonly PathSegment[];
  readonly object?: string;
  readonly message: string;
  readonly command?: string;
}

/** Kubernetes names of the topology's parts, decided once before any object is built. */
export interface ExportNames {
  /** Service and job nodes: their Deployment, StatefulSet or Job, their Service, their container. */
  readonly workload: ReadonlyMap<string, string>;
  /** Volume nodes: their PersistentVolumeClaim (an external one's existing claim). */
  readonly volume: ReadonlyMap<string, string>;
  /** Network nodes: their NetworkPolicy and the pod label that says a pod joined them. */
  readonly network: ReadonlyMap<string, string>;
  readonly secret: ReadonlyMap<string, string>;
  readonly config: ReadonlyMap<string, string>;
  /** Service objects: the service nodes' names are taken; network aliases get the rest. */
  readonly services: NameTable;
  /** NetworkPolicy objects beyond the networks' own. */
  readonly policies: NameTable;
  /** The ServiceAccount, Role and RoleBinding of the init containers that wait. */
  readonly waitAccount: string;
  /** The network a container without `networks` joins (the project's default network). */
  readonly defaultNetwork: string;
}

export interface K8sContext {
  readonly topology: Topology;
  readonly project: string;
  readonly namespace: string;
  readonly waitImage: string;
  readonly volumeSize: string;
  readonly hostPathBase: string;
  readonly names: ExportNames;
  note(item: NoteInput): void;
  readonly fidelity: readonly K8sFidelityItem[];
}

export const nodePath = (id: string, ...rest: PathSegment[]): PathSegment[] => ['spec', 'nodes', id, ...rest];

export function createContext(topology: Topology, options: K8sExportOptions): K8sContext {
  const fidelity: K8sFidelityItem[] = [];
  const seen = new Set<string>();
  const note = (item: NoteInput): void => {
    const out: K8sFidelityItem = {
      code: item.code,
      level: item.level,
      ...(item.nodeId === undefined ? {} : { nodeId: item.nodeId }),
      field: formatPath(item.field),
      ...(item.object === undefined ? {} : { object: item.object }),
      message: item.message,
      ...(item.command === undefined ? {} : { command: item.command }),
    };
    const key = JSON.stringify(out);
    if (seen.has(key)) return;
    seen.add(key);
    fidelity.push(out);
  };
  const project = dnsLabel(topology.metadata.name);
  const names = allocateNames(topology, note);
  return {
    topology,
    project,
    namespace: options.namespace ?? DEFAULT_NAMESPACE,
    waitImage: options.waitImage ?? DEFAULT_WAIT_IMAGE,
    volumeSize: options.volumeSize ?? DEFAULT_VOLUME_SIZE,
    hostPathBase: (options.hostPathBase ?? `/srv/${project}`).replace(/\/+$/, ''),
    names: { ...names, waitAccount: dnsLabel(`${project}-wait`) },
    note,
    fidelity,
  };
}

function allocateNames(
  topology: Topology,
  note: (item: NoteInput) => void,
): Omit<ExportNames, 'waitAccount'> {
  const workloads = new NameTable();
  const volumes = new NameTable();
  const networks = new NameTable();
  const workload = new Map<string, string>();
  const volume = new Map<string, string>();
  const network = new Map<string, string>();
  const services = new NameTable();
  const changed = (id: string | undefined, field: PathSegment[], was: string, now: string, what: string) => {
    if (was === now) return;
    note({
      code: 'NAME_CHANGED',
      level: 'info',
      ...(id === undefined ? {} : { nodeId: id }),
      field,
      message: `${what} "${was}" is named "${now}" in Kubernetes (names are lower-case letters, digits and dashes, a letter first, at most 63).`,
    });
  };
  // The project's default network first: it is there whenever a container joins no network.
  const defaultNetwork = networks.allocate('default');
  for (const [id, node] of Object.entries(topology.spec.nodes)) {
    const wanted = node.name ?? id;
    if (isContainer(node)) {
      const name = workloads.allocate(wanted);
      workload.set(id, name);
      if (node.kind === 'service') services.reserve(name);
      changed(id, nodePath(id, ...(node.name === undefined ? [] : ['name'])), wanted, name, node.kind);
    } else if (node.kind === 'volume') {
      const existing = node.external === true ? (node.dockerName ?? wanted) : wanted;
      const name = volumes.allocate(existing);
      volume.set(id, name);
      changed(id, nodePath(id, ...(node.name === undefined ? [] : ['name'])), existing, name, 'volume');
    } else {
      const name = networks.allocate(wanted);
      network.set(id, name);
      changed(id, nodePath(id, ...(node.name === undefined ? [] : ['name'])), wanted, name, 'network');
    }
  }
  const sources = (kind: 'secrets' | 'configs'): Map<string, string> => {
    const table = new NameTable();
    const out = new Map<string, string>();
    for (const [key, def] of Object.entries(topology.spec[kind] ?? {})) {
      const wanted = def.external === true ? (def.dockerName ?? key) : key;
      const name = table.allocate(wanted);
      out.set(key, name);
      changed(undefined, ['spec', kind, key], wanted, name, kind === 'secrets' ? 'secret' : 'config');
    }
    return out;
  };
  return {
    workload,
    volume,
    network,
    secret: sources('secrets'),
    config: sources('configs'),
    services,
    policies: new NameTable(),
    defaultNetwork,
  };
}

/** Labels every exported object carries. */
export function commonLabels(ctx: K8sContext): Record<string, string> {
  return { 'app.kubernetes.io/part-of': ctx.project, 'app.kubernetes.io/managed-by': 'dockwright' };
}

/** The labels that select one node's pods. */
export function selectorLabels(ctx: K8sContext, name: string): Record<string, string> {
  return { 'app.kubernetes.io/part-of': ctx.project, 'app.kubernetes.io/name': name };
}

/** Where an exported object came from, for people reading the cluster. */
export const NODE_ANNOTATION = 'dockwright.dev/node';

export function metadata(
  ctx: K8sContext,
  name: string,
  extra: { labels?: Record<string, string>; annotations?: Record<string, string>; nodeId?: string } = {},
): ObjectMeta {
  const annotations = {
    ...(extra.nodeId === undefined ? {} : { [NODE_ANNOTATION]: extra.nodeId }),
    ...extra.annotations,
  };
  return {
    name,
    namespace: ctx.namespace,
    labels: { ...commonLabels(ctx), ...extra.labels },
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}
