import type { ContainerNode, Healthcheck, Mount, Topology } from '../../shared/topology';
import type { ContainerCreateBody, HealthConfig, MountSpec, PortBinding } from '../docker/docker-client';
import { durationMs } from '../../shared/text/durations';
import { shellWords } from '../../shared/text/shell-words';
import { sizeBytes } from '../../shared/text/sizes';

/** Docker-side names of the topology's resources, decided once per run. */
export interface ResourceNames {
  network(nodeId: string): string;
  volume(nodeId: string): string;
  /** The network a container joins when it names none. */
  readonly defaultNetwork: string;
}

export interface ContainerContext {
  readonly topology: Topology;
  readonly nodeId: string;
  readonly names: ResourceNames;
  /** Variables for `null` environment values (taken from whoever starts the run). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Extra variables every container gets (e.g. TRACEPARENT). */
  readonly extraEnv?: Readonly<Record<string, string>>;
}

export interface ContainerPlan {
  readonly image: string;
  readonly options: Omit<ContainerCreateBody, 'Labels'>;
  /** Networks joined after create (API 1.41 takes one network at create time). */
  readonly extraNetworks: ReadonlyArray<{ name: string; aliases: string[] }>;
  readonly stopTimeoutSeconds: number;
}

const NS_PER_MS = 1_000_000;

const toArgs = (command: string | string[] | undefined): string[] | undefined =>
  command === undefined ? undefined : Array.isArray(command) ? command : shellWords(command);

function healthConfig(check: Healthcheck | undefined): HealthConfig | undefined {
  if (!check) return undefined;
  if (check.disable) return { Test: ['NONE'] };
  const test = Array.isArray(check.test) ? check.test : ['CMD-SHELL', check.test];
  const ns = (value: string | undefined) => {
    const ms = durationMs(value);
    return ms === undefined ? undefined : Math.round(ms * NS_PER_MS);
  };
  return {
    Test: test,
    Interval: ns(check.interval),
    Timeout: ns(check.timeout),
    Retries: check.retries,
    StartPeriod: ns(check.startPeriod),
  };
}

function mountConfig(mount: Mount, names: ResourceNames): MountSpec {
  switch (mount.type) {
    case 'volume':
      return {
        Type: 'volume',
        Target: mount.target,
        // An empty source asks the engine for an anonymous volume.
        Source: mount.source ? names.volume(mount.source) : '',
        ReadOnly: mount.readOnly ?? false,
        ...(mount.nocopy ? { VolumeOptions: { NoCopy: true } } : {}),
      };
    case 'bind':
      return { Type: 'bind', Source: mount.source, Target: mount.target, ReadOnly: mount.readOnly ?? false };
    case 'tmpfs': {
      const size = sizeBytes(mount.size);
      return {
        Type: 'tmpfs',
        Source: '',
        Target: mount.target,
        ...(size !== undefined || mount.mode !== undefined
          ? {
              TmpfsOptions: {
                ...(size !== undefined ? { SizeBytes: size } : {}),
                ...(mount.mode !== undefined ? { Mode: mount.mode } : {}),
              },
            }
          : {}),
      };
    }
  }
}

function portBindings(
  node: ContainerNode,
): Pick<ContainerCreateBody, 'ExposedPorts'> & { bindings: Record<string, PortBinding[]> } {
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, PortBinding[]> = {};
  if (node.kind !== 'service') return { ExposedPorts: exposed, bindings };
  for (const port of node.ports ?? []) {
    const key = `${port.target}/${port.protocol ?? 'tcp'}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({
      HostIp: port.hostIp ?? '',
      HostPort: port.published === undefined ? '' : String(port.published),
    });
  }
  return { ExposedPorts: exposed, bindings };
}

function environment(node: ContainerNode, context: ContainerContext): string[] {
  const entries: string[] = [];
  for (const [key, value] of Object.entries(node.environment ?? {})) {
    const resolved = value ?? context.env[key];
    if (resolved !== undefined) entries.push(`${key}=${resolved}`);
  }
  for (const [key, value] of Object.entries(context.extraEnv ?? {})) entries.push(`${key}=${value}`);
  return entries;
}

/** Turns a service or job node into Docker create options (the config that is hashed). */
export function containerPlan(node: ContainerNode, context: ContainerContext): ContainerPlan {
  const image = node.image ?? '';
  const alias = node.name ?? context.nodeId;
  const attachments = (node.networks ?? []).map((attachment) => ({
    name: context.names.network(attachment.network),
    aliases: [alias, ...(attachment.aliases ?? [])],
  }));
  const networks = node.networkMode
    ? []
    : attachments.length > 0
      ? attachments
      : [{ name: context.names.defaultNetwork, aliases: [alias] }];
  const [primary, ...extraNetworks] = networks;
  const { ExposedPorts, bindings } = portBindings(node);
  const limits = node.resources?.limits;
  const cpus = limits?.cpus === undefined ? undefined : Number(limits.cpus);
  const restart = node.kind === 'service' ? node.restart : undefined;
  const [restartName, restartCount] = (restart ?? 'no').split(':');
  const stopTimeoutSeconds = Math.ceil((durationMs(node.stopGracePeriod) ?? 10_000) / 1000);

  const options: Omit<ContainerCreateBody, 'Labels'> = {
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
    StopTimeout: stopTimeoutSeconds,
    ExposedPorts,
    Healthcheck: node.kind === 'service' ? healthConfig(node.healthcheck) : undefined,
    HostConfig: {
      Init: node.init ?? true,
      NetworkMode: node.networkMode ?? primary?.name,
      PortBindings: bindings,
      Mounts: (node.mounts ?? []).map((mount) => mountConfig(mount, context.names)),
      RestartPolicy: {
        Name: restartName ?? 'no',
        ...(restartCount ? { MaximumRetryCount: Number(restartCount) } : {}),
      },
      Privileged: node.privileged ?? false,
      CapAdd: node.capAdd,
      CapDrop: node.capDrop,
      ReadonlyRootfs: node.readOnly ?? false,
      SecurityOpt: node.securityOpt,
      ExtraHosts: node.extraHosts,
      Dns: node.dns,
      PidMode: node.pid,
      IpcMode: node.ipc,
      Memory: sizeBytes(limits?.memory),
      NanoCpus: cpus === undefined || Number.isNaN(cpus) ? undefined : Math.round(cpus * 1e9),
      PidsLimit: limits?.pids,
      Devices: node.devices?.map((device) => {
        const [host = device, container = host, permissions = 'rwm'] = device.split(':');
        return { PathOnHost: host, PathInContainer: container, CgroupPermissions: permissions };
      }),
    },
    NetworkingConfig: primary
      ? { EndpointsConfig: { [primary.name]: { Aliases: primary.aliases } } }
      : undefined,
  };
  return { image, options, extraNetworks, stopTimeoutSeconds };
}
