import { z } from 'zod';
import {
  Backoff,
  Build,
  Command,
  Dependency,
  Duration,
  Extensions,
  FileGrant,
  Healthcheck,
  HealthSpec,
  Logging,
  Mount,
  NetworkAttachment,
  NodeId,
  Port,
  RecoveryPolicy,
  Resources,
  RetryPolicy,
  StringMap,
  Ulimit,
} from './model-parts';
import { CURRENT_API_VERSION } from './version';
import { JobSchedule, NotificationTarget } from './workflow-parts';
import { RunHandlers } from './handler-parts';

export * from './model-parts';
export * from './workflow-parts';
export * from './handler-parts';

const common = {
  name: z
    .string()
    .optional()
    .describe('Docker/DNS name (service name, volume or network key); defaults to the node id.'),
  description: z.string().optional(),
  labels: StringMap.optional(),
  extensions: Extensions.optional(),
};

/** What services and jobs share: everything that describes one container. */
const container = {
  ...common,
  image: z.string().optional().describe('Image reference, e.g. `postgres:16-alpine`.'),
  build: Build.optional(),
  pullPolicy: z.enum(['always', 'never', 'missing', 'if_not_present', 'build', 'daily', 'weekly']).optional(),
  platform: z.string().optional(),
  command: Command.optional(),
  entrypoint: Command.optional(),
  environment: z
    .record(z.string(), z.string().nullable())
    .optional()
    .describe('Variables; a null value is taken from the environment of whoever starts the topology.'),
  envFiles: z.array(z.string()).optional(),
  user: z.string().optional(),
  workingDir: z.string().optional(),
  init: z.boolean().optional(),
  containerName: z.string().optional().describe('Fixed container name (prevents replicas).'),
  hostname: z.string().optional(),
  dependsOn: z.array(Dependency).optional(),
  networks: z
    .array(NetworkAttachment)
    .optional()
    .describe('Networks joined; none = the project default network.'),
  networkMode: z
    .string()
    .optional()
    .describe('`host`, `none`, `bridge`, `service:<node id>` or `container:<name>`.'),
  mounts: z.array(Mount).optional(),
  secrets: z.array(FileGrant).optional(),
  configs: z.array(FileGrant).optional(),
  profiles: z.array(z.string()).optional(),
  resources: Resources.optional(),
  privileged: z.boolean().optional(),
  capAdd: z.array(z.string()).optional(),
  capDrop: z.array(z.string()).optional(),
  devices: z.array(z.string()).optional(),
  pid: z.string().optional(),
  ipc: z.string().optional(),
  readOnly: z.boolean().optional().describe('Read-only root filesystem.'),
  securityOpt: z.array(z.string()).optional(),
  ulimits: z.record(z.string(), Ulimit).optional(),
  sysctls: z.record(z.string(), z.string()).optional(),
  shmSize: z.union([z.number().int(), z.string()]).optional(),
  dns: z.array(z.string()).optional(),
  extraHosts: z.array(z.string()).optional(),
  stopSignal: z.string().optional(),
  stopGracePeriod: Duration.optional(),
  stdinOpen: z.boolean().optional(),
  tty: z.boolean().optional(),
  runtime: z.string().optional(),
  logging: Logging.optional(),
};

export const ServiceNode = z.strictObject({
  kind: z.literal('service'),
  ...container,
  ports: z.array(Port).optional(),
  expose: z.array(z.string()).optional().describe('Ports reachable by other containers only.'),
  replicas: z.number().int().optional(),
  healthcheck: Healthcheck.optional(),
  restart: z
    .string()
    .regex(/^(no|always|unless-stopped|on-failure(:\d+)?)$/)
    .optional(),
  health: HealthSpec.optional().describe('How Dockwright checks the service while it runs.'),
  recovery: RecoveryPolicy.optional().describe('How Dockwright heals the service when it turns unhealthy.'),
});
export type ServiceNode = z.infer<typeof ServiceNode>;

export const JobNode = z.strictObject({
  kind: z.literal('job'),
  ...container,
  retry: RetryPolicy.optional(),
  timeout: Duration.optional().describe('Give up (and fail) an attempt after this long.'),
  successExitCodes: z
    .array(z.number().int())
    .optional()
    .describe('Exit codes that count as success (default [0]).'),
  schedule: JobSchedule.optional(),
});
export type JobNode = z.infer<typeof JobNode>;

export const VolumeNode = z.strictObject({
  kind: z.literal('volume'),
  ...common,
  dockerName: z.string().optional().describe('Exact Docker name, not prefixed with the project.'),
  driver: z.string().optional(),
  driverOpts: StringMap.optional(),
  external: z.boolean().optional().describe('Created outside Dockwright; never created or removed by it.'),
});
export type VolumeNode = z.infer<typeof VolumeNode>;

export const Subnet = z.strictObject({
  subnet: z.string().describe('CIDR, e.g. `172.20.0.0/24`.'),
  gateway: z.string().optional(),
  ipRange: z.string().optional(),
});

export const NetworkNode = z.strictObject({
  kind: z.literal('network'),
  ...common,
  dockerName: z.string().optional().describe('Exact Docker name, not prefixed with the project.'),
  driver: z.string().optional(),
  driverOpts: StringMap.optional(),
  subnets: z.array(Subnet).optional(),
  internal: z.boolean().optional(),
  external: z.boolean().optional(),
  attachable: z.boolean().optional(),
  enableIpv6: z.boolean().optional(),
});
export type NetworkNode = z.infer<typeof NetworkNode>;

export const TopologyNode = z.discriminatedUnion('kind', [ServiceNode, JobNode, VolumeNode, NetworkNode]);
export type TopologyNode = z.infer<typeof TopologyNode>;
export type NodeKind = TopologyNode['kind'];
export type ContainerNode = ServiceNode | JobNode;

/** A secret or config, sourced from exactly one of: a file, an environment variable, content, or outside. */
export const FileSource = z.strictObject({
  file: z.string().optional(),
  environment: z.string().optional(),
  content: z.string().optional().describe('Inline content (configs only).'),
  external: z.boolean().optional(),
  dockerName: z.string().optional(),
  labels: StringMap.optional(),
  extensions: Extensions.optional(),
});
export type FileSource = z.infer<typeof FileSource>;

export const LayoutPosition = z.strictObject({
  x: z.number(),
  y: z.number(),
  width: z.number().optional(),
  height: z.number().optional(),
  collapsed: z.boolean().optional(),
});

export const LayoutGroup = z.strictObject({
  id: z.string(),
  label: z.string(),
  nodes: z.array(NodeId),
  color: z.string().optional(),
});

/** Editor-only data: moving a node on the canvas changes this section and nothing else. */
export const Layout = z.strictObject({
  nodes: z.record(NodeId, LayoutPosition).optional(),
  groups: z.array(LayoutGroup).optional(),
  viewport: z.strictObject({ x: z.number(), y: z.number(), zoom: z.number() }).optional(),
});
export type Layout = z.infer<typeof Layout>;

export const Metadata = z.strictObject({
  name: z.string().describe('Project name; prefixes Docker resource names.'),
  description: z.string().optional(),
  labels: StringMap.optional(),
});

export const Spec = z.strictObject({
  nodes: z.record(NodeId, TopologyNode),
  secrets: z.record(z.string(), FileSource).optional(),
  configs: z.record(z.string(), FileSource).optional(),
  notifications: z.array(NotificationTarget).optional(),
  handlers: RunHandlers.optional(),
  extensions: Extensions.optional(),
});

export const Topology = z
  .strictObject({
    apiVersion: z.literal(CURRENT_API_VERSION),
    kind: z.literal('Topology'),
    metadata: Metadata,
    spec: Spec,
    layout: Layout.optional(),
  })
  .meta({ id: 'Topology', title: 'Dockwright topology', description: 'A Dockwright topology file.' });
export type Topology = z.infer<typeof Topology>;

export { Backoff, Duration };

export function isContainer(node: TopologyNode): node is ContainerNode {
  return node.kind === 'service' || node.kind === 'job';
}

const SHARED_NETWORK_PREFIX = 'service:';

/** The node whose network stack `networkMode: service:<id>` shares, if that is the mode. */
export function sharedNetworkService(networkMode: string | undefined): string | undefined {
  return networkMode?.startsWith(SHARED_NETWORK_PREFIX)
    ? networkMode.slice(SHARED_NETWORK_PREFIX.length)
    : undefined;
}

/** `networkMode` that shares the network stack of another node. */
export function sharedNetworkMode(nodeId: string): string {
  return `${SHARED_NETWORK_PREFIX}${nodeId}`;
}
