import {
  sharedNetworkService,
  type ContainerNode,
  type Healthcheck,
  type Mount,
  type NetworkAttachment,
  type Topology,
} from '../../shared/topology';
import { resolvePlaceholders } from '../../shared/compose/env-placeholders';
import { durationMs } from '../../shared/text/durations';
import { shellWords } from '../../shared/text/shell-words';
import { sizeBytes } from '../../shared/text/sizes';
import type {
  ContainerCreateBody,
  EndpointSettings,
  HealthConfig,
  HostConfig,
  MountSpec,
  PortBinding,
  Ulimit,
} from '../docker/docker-client';
import type { ContainerFiles } from './container-files';
import { resolveHostPath } from './host-paths';

/** Docker-side names of the topology's resources, decided once per run. */
export interface ResourceNames {
  network(nodeId: string): string;
  volume(nodeId: string): string;
  /** The container a `service:<node>` network mode joins (its first replica). */
  container(nodeId: string): string;
  /** The network a container joins when it names none. */
  readonly defaultNetwork: string;
}

export interface ContainerContext {
  readonly topology: Topology;
  readonly nodeId: string;
  readonly names: ResourceNames;
  /** Variables for `null` environment values and `${VAR}` placeholders (from whoever starts the run). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The node's `envFiles`, already read (a node's own `environment` wins over them). */
  readonly envFileVars?: Readonly<Record<string, string>>;
  /** Secrets and configs: bind mounts to add (copies are made apart, before start). */
  readonly files?: ContainerFiles;
  /** The topology's folder: relative bind sources resolve against it (`~` is the home folder). */
  readonly baseDir?: string;
  /**
   * Variables from the run, set last (they win): the outputs of the jobs it depends on,
   * `DOCKWRIGHT_OUTPUT` for a job, a handler's run status. Hashed with the rest.
   */
  readonly runVars?: Readonly<Record<string, string>>;
}

export interface ContainerPlan {
  readonly image: string;
  readonly options: Omit<ContainerCreateBody, 'Labels'>;
  /** The node's own labels; Dockwright's are added beside them (and win). */
  readonly labels: Readonly<Record<string, string>>;
  /** Networks joined after create (API 1.41 takes one network at create time). */
  readonly extraNetworks: ReadonlyArray<{ name: string; endpoint: EndpointSettings }>;
  readonly stopTimeoutSeconds: number;
  /** The image variant to create from (`docker create --platform`). */
  readonly platform?: string;
}

const NS_PER_MS = 1_000_000;
/** What Docker waits before it kills a container it stops, when the node says nothing. */
export const DEFAULT_STOP_SECONDS = 10;

const toArgs = (command: string | string[] | undefined): string[] | undefined =>
  command === undefined ? undefined : Array.isArray(command) ? command : shellWords(command);

/** Leaves out what is undefined, so the create body (and its hash) holds only what is set. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function healthConfig(check: Healthcheck | undefined): HealthConfig | undefined {
  if (!check) return undefined;
  if (check.disable) return { Test: ['NONE'] };
  const test = Array.isArray(check.test) ? check.test : ['CMD-SHELL', check.test];
  const ns = (value: string | undefined) => {
    const ms = durationMs(value);
    return ms === undefined ? undefined : Math.round(ms * NS_PER_MS);
  };
  return defined({
    Test: test,
    Interval: ns(check.interval),
    Timeout: ns(check.timeout),
    Retries: check.retries,
    StartPeriod: ns(check.startPeriod),
  });
}

/** A mount as the engine's Mount object, or (SELinux relabelling, which Mounts cannot ask for) a bind string. */
function mountConfig(mount: Mount, context: ContainerContext): { mount?: MountSpec; bind?: string } {
  switch (mount.type) {
    case 'volume':
      return {
        mount: {
          Type: 'volume',
          Target: mount.target,
          // An empty source asks the engine for an anonymous volume.
          Source: mount.source ? context.names.volume(mount.source) : '',
          ReadOnly: mount.readOnly ?? false,
          ...(mount.nocopy ? { VolumeOptions: { NoCopy: true } } : {}),
        },
      };
    case 'bind': {
      const source = resolveHostPath(mount.source, context.baseDir);
      if (source === undefined)
        throw new Error(`bind source ${mount.source} is relative, and the topology has no folder`);
      if (mount.selinux) {
        const options = [
          mount.readOnly ? 'ro' : 'rw',
          mount.selinux,
          ...(mount.propagation ? [mount.propagation] : []),
        ];
        return { bind: `${source}:${mount.target}:${options.join(',')}` };
      }
      return {
        mount: {
          Type: 'bind',
          Source: source,
          Target: mount.target,
          ReadOnly: mount.readOnly ?? false,
          ...(mount.propagation ? { BindOptions: { Propagation: mount.propagation } } : {}),
        },
      };
    }
    case 'tmpfs': {
      const size = sizeBytes(mount.size);
      return {
        mount: {
          Type: 'tmpfs',
          Source: '',
          Target: mount.target,
          ...(size !== undefined || mount.mode !== undefined
            ? { TmpfsOptions: defined({ SizeBytes: size, Mode: mount.mode }) }
            : {}),
        },
      };
    }
  }
}

/** `80`, `80/udp`, `8000-8010/tcp` -> the engine's `port/proto` keys (a range is every port in it). */
function portKeys(spec: string | number, protocol = 'tcp'): string[] {
  const [ports = '', proto = protocol] = String(spec).split('/');
  const [first = '', last = first] = ports.split('-');
  const from = Number(first);
  const to = Number(last);
  if (!Number.isInteger(from) || !Number.isInteger(to) || to < from) return [`${ports}/${proto}`];
  return Array.from({ length: to - from + 1 }, (_, i) => `${from + i}/${proto}`);
}

function ports(node: ContainerNode): {
  exposed: Record<string, Record<string, never>>;
  bindings: Record<string, PortBinding[]>;
} {
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, PortBinding[]> = {};
  if (node.kind !== 'service') return { exposed, bindings };
  for (const entry of node.expose ?? []) for (const key of portKeys(entry)) exposed[key] = {};
  for (const port of node.ports ?? []) {
    const key = `${port.target}/${port.protocol ?? 'tcp'}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({
      HostIp: port.hostIp ?? '',
      HostPort: port.published === undefined ? '' : String(port.published),
    });
  }
  return { exposed, bindings };
}

/**
 * The container's variables: env files, then the node's own values with their `${VAR}`
 * placeholders resolved (a `null` value is the variable itself), from whoever starts the run.
 */
function environment(node: ContainerNode, context: ContainerContext): string[] {
  const merged = new Map<string, string>(Object.entries(context.envFileVars ?? {}));
  for (const [key, value] of Object.entries(node.environment ?? {})) {
    const resolved = value === null ? context.env[key] : resolvePlaceholders(value, context.env).value;
    if (resolved !== undefined) merged.set(key, resolved);
    else merged.delete(key);
  }
  for (const [key, value] of Object.entries(context.runVars ?? {})) merged.set(key, value);
  return [...merged].map(([key, value]) => `${key}=${value}`);
}

function ulimits(node: ContainerNode): Ulimit[] | undefined {
  if (!node.ulimits) return undefined;
  return Object.entries(node.ulimits).map(([name, value]) =>
    typeof value === 'number'
      ? { Name: name, Soft: value, Hard: value }
      : { Name: name, Soft: value.soft, Hard: value.hard },
  );
}

function logConfig(node: ContainerNode): HostConfig['LogConfig'] {
  if (!node.logging) return undefined;
  const options = Object.entries(node.logging.options ?? {}).filter(
    (entry): entry is [string, string] => entry[1] !== null,
  );
  return {
    Type: node.logging.driver ?? '',
    ...(options.length > 0 ? { Config: Object.fromEntries(options) } : {}),
  };
}

/** Compose's `host=ip` spelling is the engine's `host:ip`. */
const extraHost = (entry: string): string => {
  const equals = entry.indexOf('=');
  return equals > 0 ? `${entry.slice(0, equals)}:${entry.slice(equals + 1)}` : entry;
};

function devices(node: ContainerNode): HostConfig['Devices'] {
  return node.devices?.map((device) => {
    const [host = device, container = host, permissions = 'rwm'] = device.split(':');
    return { PathOnHost: host, PathInContainer: container, CgroupPermissions: permissions };
  });
}

/** `service:<node>` shares that node's container's network stack: `container:<its name>`. */
function networkMode(
  node: ContainerNode,
  context: ContainerContext,
  primary: string | undefined,
): string | undefined {
  const shared = sharedNetworkService(node.networkMode);
  if (shared !== undefined) return `container:${context.names.container(shared)}`;
  return node.networkMode ?? primary;
}

function endpoint(attachment: NetworkAttachment, aliases: string[]): EndpointSettings {
  const ipam = defined({ IPv4Address: attachment.ipv4Address, IPv6Address: attachment.ipv6Address });
  return { Aliases: aliases, ...(Object.keys(ipam).length > 0 ? { IPAMConfig: ipam } : {}) };
}

/**
 * Turns a service or job node into Docker create options (the config that is hashed): every field
 * of the node is applied as Compose applies it; nothing is added that the node does not say.
 */
export function containerPlan(node: ContainerNode, context: ContainerContext): ContainerPlan {
  const image = node.image ?? '';
  const alias = node.name ?? context.nodeId;
  // Compose connects the highest-priority network first; ties keep the file's order.
  const attachments = (node.networks ?? [])
    .map((attachment, index) => ({ attachment, index }))
    .sort((a, b) => (b.attachment.priority ?? 0) - (a.attachment.priority ?? 0) || a.index - b.index)
    .map(({ attachment }) => ({
      name: context.names.network(attachment.network),
      endpoint: endpoint(attachment, [alias, ...(attachment.aliases ?? [])]),
    }));
  const networks = node.networkMode
    ? []
    : attachments.length > 0
      ? attachments
      : [{ name: context.names.defaultNetwork, endpoint: { Aliases: [alias] } }];
  const [primary, ...extraNetworks] = networks;
  const { exposed, bindings } = ports(node);
  const limits = node.resources?.limits;
  const cpus = limits?.cpus === undefined ? undefined : Number(limits.cpus);
  const restart = node.kind === 'service' ? node.restart : undefined;
  const [restartName, restartCount] = (restart ?? '').split(':');
  const stopGrace = durationMs(node.stopGracePeriod);
  const stopTimeoutSeconds = stopGrace === undefined ? DEFAULT_STOP_SECONDS : Math.ceil(stopGrace / 1000);
  const mounts: MountSpec[] = [];
  const binds: string[] = [];
  for (const mount of node.mounts ?? []) {
    const config = mountConfig(mount, context);
    if (config.mount) mounts.push(config.mount);
    if (config.bind) binds.push(config.bind);
  }
  mounts.push(...(context.files?.binds ?? []));

  const hostConfig: HostConfig = defined({
    Init: node.init,
    NetworkMode: networkMode(node, context, primary?.name),
    PortBindings: bindings,
    Mounts: mounts,
    Binds: binds.length > 0 ? binds : undefined,
    // Only a restart policy the node states (the engine's default is none, as with Compose).
    RestartPolicy: restart
      ? { Name: restartName ?? 'no', ...(restartCount ? { MaximumRetryCount: Number(restartCount) } : {}) }
      : undefined,
    Privileged: node.privileged ?? false,
    CapAdd: node.capAdd,
    CapDrop: node.capDrop,
    ReadonlyRootfs: node.readOnly ?? false,
    SecurityOpt: node.securityOpt,
    ExtraHosts: node.extraHosts?.map(extraHost),
    Dns: node.dns,
    PidMode: node.pid,
    IpcMode: node.ipc,
    Memory: sizeBytes(limits?.memory),
    MemoryReservation: sizeBytes(node.resources?.reservations?.memory),
    NanoCpus: cpus === undefined || Number.isNaN(cpus) ? undefined : Math.round(cpus * 1e9),
    PidsLimit: limits?.pids,
    Devices: devices(node),
    Ulimits: ulimits(node),
    Sysctls: node.sysctls,
    ShmSize: sizeBytes(node.shmSize),
    LogConfig: logConfig(node),
    Runtime: node.runtime,
  });

  const options: Omit<ContainerCreateBody, 'Labels'> = defined({
    Image: image,
    Cmd: toArgs(node.command),
    Entrypoint: toArgs(node.entrypoint),
    Env: environment(node, context),
    User: node.user,
    WorkingDir: node.workingDir,
    Hostname: node.hostname,
    Tty: node.tty ?? false,
    OpenStdin: node.stdinOpen ?? false,
    StopSignal: node.stopSignal,
    StopTimeout: stopGrace === undefined ? undefined : stopTimeoutSeconds,
    ExposedPorts: exposed,
    Healthcheck: node.kind === 'service' ? healthConfig(node.healthcheck) : undefined,
    HostConfig: hostConfig,
    NetworkingConfig: primary ? { EndpointsConfig: { [primary.name]: primary.endpoint } } : undefined,
  });
  return {
    image,
    options,
    labels: node.labels ?? {},
    extraNetworks,
    stopTimeoutSeconds,
    ...(node.platform ? { platform: node.platform } : {}),
  };
}
