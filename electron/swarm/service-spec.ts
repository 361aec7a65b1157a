import type { ContainerNode, Topology } from '../../shared/topology';
import { durationMs } from '../../shared/text/durations';
import { configHash } from '../docker/config-hash';
import type { MountSpec, ServiceSpec } from '../docker/docker-client';
import { LABELS, resourceName } from '../docker/labels';
import { grantTarget } from '../runs/container-files';
import { containerPlan, type ResourceNames } from '../runs/container-options';
import { swarmLabels, taskContainerLabels } from './swarm-labels';

/** A Swarm secret or config a service is given: its id and name on the Swarm. */
export interface SwarmFileRef {
  readonly id: string;
  readonly name: string;
}

export interface ServiceSpecContext {
  readonly project: string;
  readonly topology: Topology;
  readonly nodeId: string;
  readonly names: ResourceNames;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The node's `envFiles`, already read. */
  readonly envFileVars?: Readonly<Record<string, string>>;
  readonly baseDir?: string;
  readonly wave: number;
  /** The Swarm secrets and configs by their topology name (`spec.secrets` / `spec.configs` keys). */
  readonly secrets: ReadonlyMap<string, SwarmFileRef>;
  readonly configs: ReadonlyMap<string, SwarmFileRef>;
}

/** A node as a Swarm service: the spec, its hash, and what "all tasks" means for it. */
export interface PlannedService {
  readonly spec: ServiceSpec;
  /** A hash of the spec (without the run's own labels and variables): equal means unchanged. */
  readonly hash: string;
  /** Tasks wanted: the replicas of a service, 1 completion for a job. */
  readonly desired: number;
  readonly hasHealthcheck: boolean;
}

const NS_PER_MS = 1_000_000;

/** Leaves out what is undefined, so the spec (and its hash) holds only what is set. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const ns = (value: string | undefined): number | undefined => {
  const ms = durationMs(value);
  return ms === undefined ? undefined : Math.round(ms * NS_PER_MS);
};

/** Compose's `restart` for a service; unset leaves Swarm's own (`any`: a service is meant to run). */
function restartPolicy(node: ContainerNode): ServiceSpec['TaskTemplate']['RestartPolicy'] {
  if (node.kind === 'job') {
    const attempts = Math.max(1, node.retry?.maxAttempts ?? 1);
    // MaxAttempts counts restarts (0 would mean "without end"); the delay is the backoff's first.
    return attempts > 1
      ? {
          Condition: 'on-failure',
          MaxAttempts: attempts - 1,
          Delay: ns(node.retry?.backoff?.initial) ?? 1000 * NS_PER_MS,
        }
      : { Condition: 'none' };
  }
  if (!node.restart) return undefined;
  const [name, count] = node.restart.split(':');
  if (name === 'no') return { Condition: 'none' };
  if (name === 'on-failure')
    return { Condition: 'on-failure', ...(count ? { MaxAttempts: Number(count) } : {}) };
  return { Condition: 'any' };
}

/** Volume mounts name the project's volume and say how a node creates it (driver, labels). */
function volumeMounts(mounts: readonly MountSpec[], context: ServiceSpecContext): MountSpec[] {
  const byName = new Map<string, string>();
  for (const [id, node] of Object.entries(context.topology.spec.nodes))
    if (node.kind === 'volume') byName.set(context.names.volume(id), id);
  return mounts.map((mount) => {
    if (mount.Type !== 'volume' || !mount.Source) return mount;
    const volumeId = byName.get(mount.Source);
    const volume = volumeId ? context.topology.spec.nodes[volumeId] : undefined;
    if (!volume || volume.kind !== 'volume' || volume.external) return mount;
    return {
      ...mount,
      VolumeOptions: {
        ...mount.VolumeOptions,
        Labels: swarmLabels({ project: context.project, node: volumeId!, kind: 'volume' }, volume.labels),
        ...(volume.driver || volume.driverOpts
          ? {
              DriverConfig: defined({ Name: volume.driver, Options: volume.driverOpts }),
            }
          : {}),
      },
    };
  });
}

function fileGrants(node: ContainerNode, context: ServiceSpecContext) {
  const file = (family: 'secrets' | 'configs', grant: NonNullable<ContainerNode['secrets']>[number]) => ({
    Name: grantTarget(family, grant),
    UID: grant.uid ?? '0',
    GID: grant.gid ?? '0',
    Mode: grant.mode ?? 0o444,
  });
  const secrets = (node.secrets ?? []).map((grant) => {
    const ref = context.secrets.get(grant.source);
    if (!ref) throw new Error(`secret "${grant.source}" is not on the Swarm`);
    return { SecretID: ref.id, SecretName: ref.name, File: file('secrets', grant) };
  });
  const configs = (node.configs ?? []).map((grant) => {
    const ref = context.configs.get(grant.source);
    if (!ref) throw new Error(`config "${grant.source}" is not on the Swarm`);
    return { ConfigID: ref.id, ConfigName: ref.name, File: file('configs', grant) };
  });
  return { secrets, configs };
}

/** Compose's `host:ip` (the engine's form) is the Swarm's `ip host`. */
const hostsLine = (entry: string): string => {
  const at = entry.lastIndexOf(':');
  return at > 0 ? `${entry.slice(at + 1)} ${entry.slice(0, at)}` : entry;
};

function platform(node: ContainerNode): Array<{ OS?: string; Architecture?: string }> | undefined {
  if (!node.platform) return undefined;
  const [os, architecture] = node.platform.split('/');
  return [defined({ OS: os, Architecture: architecture })];
}

function networks(node: ContainerNode, context: ServiceSpecContext) {
  const alias = node.name ?? context.nodeId;
  const attachments = (node.networks ?? [])
    .map((attachment, index) => ({ attachment, index }))
    .sort((a, b) => (b.attachment.priority ?? 0) - (a.attachment.priority ?? 0) || a.index - b.index)
    .map(({ attachment }) => ({
      Target: context.names.network(attachment.network),
      Aliases: [alias, ...(attachment.aliases ?? [])],
    }));
  return attachments.length > 0 ? attachments : [{ Target: context.names.defaultNetwork, Aliases: [alias] }];
}

function ports(node: ContainerNode): NonNullable<ServiceSpec['EndpointSpec']>['Ports'] {
  if (node.kind !== 'service' || !node.ports?.length) return undefined;
  return node.ports.map((port) =>
    defined({
      Protocol: port.protocol ?? 'tcp',
      TargetPort: port.target,
      PublishedPort: port.published === undefined ? undefined : Number(port.published),
      PublishMode: 'ingress' as const,
    }),
  );
}

/** How Swarm rolls a changed service out: one task at a time, rolled back when the new one fails. */
export const UPDATE_CONFIG: NonNullable<ServiceSpec['UpdateConfig']> = {
  Parallelism: 1,
  Delay: 0,
  FailureAction: 'rollback',
  Monitor: 5_000 * NS_PER_MS,
  Order: 'stop-first',
};

/**
 * Turns a service or job node into a Swarm service spec. The container part comes from the same
 * `containerPlan` the engine target uses (command, environment, healthcheck, mounts, limits, as
 * Compose applies them); the rest is the Swarm's: mode and replicas, restart and update policies,
 * resources, networks with aliases, published ports through the routing mesh, secrets and configs.
 * No placement is added: tasks go wherever the Swarm puts them.
 */
export function planService(node: ContainerNode, context: ServiceSpecContext): PlannedService {
  const plan = containerPlan(node, {
    topology: context.topology,
    nodeId: context.nodeId,
    names: context.names,
    env: context.env,
    ...(context.envFileVars ? { envFileVars: context.envFileVars } : {}),
    ...(context.baseDir ? { baseDir: context.baseDir } : {}),
  });
  const options = plan.options;
  const host = options.HostConfig ?? {};
  const { secrets, configs } = fileGrants(node, context);
  const reservations = node.resources?.reservations;
  const reservedCpus = reservations?.cpus === undefined ? undefined : Number(reservations.cpus);
  const limits = defined({ NanoCPUs: host.NanoCpus, MemoryBytes: host.Memory, Pids: host.PidsLimit });
  const reserved = defined({
    NanoCPUs:
      reservedCpus === undefined || Number.isNaN(reservedCpus) ? undefined : Math.round(reservedCpus * 1e9),
    MemoryBytes: host.MemoryReservation,
  });
  const hasHealthcheck =
    node.kind === 'service' && node.healthcheck !== undefined && node.healthcheck.disable !== true;
  const containerSpec: ServiceSpec['TaskTemplate']['ContainerSpec'] = defined({
    Image: node.image ?? '',
    // The Swarm's Command is the entrypoint, its Args the command (as `docker service create`).
    Command: options.Entrypoint,
    Args: options.Cmd,
    Env: options.Env,
    Labels: taskContainerLabels(context.project, context.nodeId, node.labels),
    User: options.User,
    Dir: options.WorkingDir,
    Hostname: options.Hostname,
    Init: host.Init,
    TTY: node.tty,
    OpenStdin: node.stdinOpen,
    StopSignal: options.StopSignal,
    StopGracePeriod: ns(node.stopGracePeriod),
    Healthcheck: options.Healthcheck,
    Mounts: host.Mounts?.length ? volumeMounts(host.Mounts, context) : undefined,
    Secrets: secrets.length > 0 ? secrets : undefined,
    Configs: configs.length > 0 ? configs : undefined,
    CapabilityAdd: host.CapAdd,
    CapabilityDrop: host.CapDrop,
    ReadOnly: node.readOnly,
    Sysctls: host.Sysctls,
    Ulimits: host.Ulimits,
    Hosts: node.extraHosts?.length ? (host.ExtraHosts ?? []).map(hostsLine) : undefined,
    DNSConfig: node.dns?.length ? { Nameservers: node.dns } : undefined,
  });
  const desired = node.kind === 'service' ? Math.max(0, node.replicas ?? 1) : 1;
  const spec: ServiceSpec = defined({
    Name: resourceName(context.project, context.nodeId),
    Labels: swarmLabels({
      project: context.project,
      node: context.nodeId,
      kind: node.kind,
      wave: context.wave,
    }),
    TaskTemplate: defined({
      ContainerSpec: containerSpec,
      Resources:
        Object.keys(limits).length > 0 || Object.keys(reserved).length > 0
          ? defined({
              Limits: Object.keys(limits).length > 0 ? limits : undefined,
              Reservations: Object.keys(reserved).length > 0 ? reserved : undefined,
            })
          : undefined,
      RestartPolicy: restartPolicy(node),
      Placement: node.platform ? { Platforms: platform(node) } : undefined,
      Networks: networks(node, context),
      LogDriver: host.LogConfig?.Type
        ? defined({ Name: host.LogConfig.Type, Options: host.LogConfig.Config })
        : undefined,
    }),
    Mode:
      node.kind === 'job'
        ? { ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 } }
        : { Replicated: { Replicas: desired } },
    UpdateConfig: node.kind === 'service' ? UPDATE_CONFIG : undefined,
    EndpointSpec: ports(node) ? { Mode: 'vip' as const, Ports: ports(node) } : undefined,
  });
  return { spec, hash: configHash(spec), desired, hasHealthcheck };
}

/**
 * The spec as it is sent: the hash on the service and on its tasks' containers (tasks of the
 * current spec are told apart by it), the run that deployed it, and the run's own variables
 * (TRACEPARENT, OTEL_*), which are not hashed.
 */
export function deployedSpec(
  planned: PlannedService,
  runId: string,
  runtimeEnv: Readonly<Record<string, string>> = {},
): ServiceSpec {
  const { spec, hash } = planned;
  const container = spec.TaskTemplate.ContainerSpec;
  const extraEnv = Object.entries(runtimeEnv).map(([key, value]) => `${key}=${value}`);
  return {
    ...spec,
    Labels: { ...spec.Labels, [LABELS.configHash]: hash, [LABELS.run]: runId },
    TaskTemplate: {
      ...spec.TaskTemplate,
      ContainerSpec: {
        ...container,
        Labels: { ...container.Labels, [LABELS.configHash]: hash },
        ...(extraEnv.length > 0 ? { Env: [...(container.Env ?? []), ...extraEnv] } : {}),
      },
    },
  };
}
