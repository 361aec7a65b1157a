import { z } from 'zod';

/*
 * Building blocks of the topology model. Values that `validate()` checks with a located, human
 * message (durations, names, image references, port ranges) are plain strings/numbers here on
 * purpose: a schema error would only say "invalid string", a validation problem says why.
 */

export const NodeId = z
  .string()
  .min(1)
  .max(128)
  .describe('Stable identifier of a node; dependencies and the layout refer to nodes by id.');

export const Duration = z
  .string()
  .describe('A duration such as `10s`, `1m30s`, `500ms` (units us, ms, s, m, h).');

export const StringMap = z.record(z.string(), z.string());

export const Extensions = z
  .record(z.string().regex(/^x-/), z.unknown())
  .describe('Fields Dockwright does not interpret (Compose `x-` fields); kept as they are.');

export const Command = z
  .union([z.string(), z.array(z.string())])
  .describe('A shell string or an exec-form list of arguments.');

export const DependencyCondition = z.enum(['started', 'healthy', 'completed']);
export type DependencyCondition = z.infer<typeof DependencyCondition>;

export const Dependency = z
  .strictObject({
    node: NodeId.describe('Id of the service or job this node waits for.'),
    condition: DependencyCondition.describe(
      '`started`: the container runs; `healthy`: its healthcheck passes; `completed`: it exited successfully (jobs).',
    ),
    restart: z.boolean().optional().describe('Restart this node when the dependency is updated.'),
    required: z.boolean().optional().describe('When false, a missing or failed dependency is tolerated.'),
  })
  .meta({ id: 'Dependency' });
export type Dependency = z.infer<typeof Dependency>;

export const Port = z
  .strictObject({
    target: z.number().int().describe('Container port.'),
    published: z
      .union([z.number().int(), z.string()])
      .optional()
      .describe('Host port, or a range such as `8000-8010`; omitted = an ephemeral host port.'),
    hostIp: z.string().optional().describe('Host address to bind; omitted = all interfaces.'),
    protocol: z.enum(['tcp', 'udp', 'sctp']).optional(),
  })
  .meta({ id: 'Port' });
export type Port = z.infer<typeof Port>;

const MountTarget = z.string().describe('Absolute path inside the container.');

export const VolumeMount = z.strictObject({
  type: z.literal('volume'),
  source: NodeId.optional().describe('Id of a volume node; omitted = an anonymous volume.'),
  target: MountTarget,
  readOnly: z.boolean().optional(),
  nocopy: z.boolean().optional(),
  subpath: z.string().optional(),
});
export const BindMount = z.strictObject({
  type: z.literal('bind'),
  source: z.string().describe('Host path, relative to the topology file or absolute.'),
  target: MountTarget,
  readOnly: z.boolean().optional(),
  createHostPath: z
    .boolean()
    .optional()
    .describe(
      'false: fail when the host path is missing; omitted: create it (as Compose short syntax does).',
    ),
  propagation: z.string().optional(),
  selinux: z.enum(['z', 'Z']).optional(),
});
export const TmpfsMount = z.strictObject({
  type: z.literal('tmpfs'),
  target: MountTarget,
  size: z.union([z.number().int(), z.string()]).optional(),
  mode: z.number().int().optional(),
});
export const Mount = z.discriminatedUnion('type', [VolumeMount, BindMount, TmpfsMount]).meta({ id: 'Mount' });
export type Mount = z.infer<typeof Mount>;

export const NetworkAttachment = z
  .strictObject({
    network: NodeId.describe('Id of a network node.'),
    aliases: z.array(z.string()).optional(),
    ipv4Address: z.string().optional(),
    ipv6Address: z.string().optional(),
    priority: z.number().int().optional(),
  })
  .meta({ id: 'NetworkAttachment' });
export type NetworkAttachment = z.infer<typeof NetworkAttachment>;

export const Healthcheck = z
  .strictObject({
    test: Command.describe('Exec form `[CMD, ...]`/`[CMD-SHELL, ...]`, or a shell string.'),
    interval: Duration.optional(),
    timeout: Duration.optional(),
    retries: z.number().int().optional(),
    startPeriod: Duration.optional(),
    startInterval: Duration.optional(),
    disable: z.boolean().optional(),
  })
  .meta({ id: 'Healthcheck' });
export type Healthcheck = z.infer<typeof Healthcheck>;

const ResourceAmount = z.strictObject({
  cpus: z.union([z.number(), z.string()]).optional(),
  memory: z.string().optional().describe('Bytes with a unit, e.g. `512M`, `1g`.'),
  pids: z.number().int().optional(),
});
export const Resources = z
  .strictObject({
    limits: ResourceAmount.optional(),
    reservations: ResourceAmount.omit({ pids: true }).optional(),
  })
  .meta({ id: 'Resources' });
export type Resources = z.infer<typeof Resources>;

export const FileGrant = z
  .strictObject({
    source: z.string().describe('Name of an entry of `spec.secrets` / `spec.configs`.'),
    target: z.string().optional(),
    uid: z.string().optional(),
    gid: z.string().optional(),
    mode: z.number().int().optional(),
  })
  .meta({ id: 'FileGrant' });
export type FileGrant = z.infer<typeof FileGrant>;

export const Build = z
  .strictObject({
    context: z.string(),
    dockerfile: z.string().optional(),
    target: z.string().optional(),
    args: z.record(z.string(), z.string().nullable()).optional(),
    labels: StringMap.optional(),
    cacheFrom: z.array(z.string()).optional(),
    network: z.string().optional(),
  })
  .meta({ id: 'Build' });
export type Build = z.infer<typeof Build>;

export const Backoff = z
  .strictObject({
    initial: Duration.describe('Delay before the first retry.'),
    max: Duration.optional().describe('Upper bound of a delay.'),
    multiplier: z.number().optional().describe('Growth factor per attempt (default 2).'),
    jitter: z
      .number()
      .optional()
      .describe(
        'Random spread below each delay, as a fraction 0..1: 1 is full jitter (0 to the delay), 0.5 equal jitter (from half of it; the default for job retries), 0 none.',
      ),
  })
  .meta({ id: 'Backoff' });
export type Backoff = z.infer<typeof Backoff>;

export const RetryPolicy = z
  .strictObject({
    maxAttempts: z.number().int().describe('Attempts in total, including the first.'),
    backoff: Backoff.optional(),
  })
  .meta({ id: 'RetryPolicy' });
export type RetryPolicy = z.infer<typeof RetryPolicy>;

export const RecoveryPolicy = z
  .strictObject({
    restartUnhealthy: z
      .boolean()
      .optional()
      .describe('Restart the service when its checks fail (default true).'),
    restartOnExit: z
      .boolean()
      .optional()
      .describe(
        'Restart the service when its container exits unexpectedly (default true; left to the engine when `restart` says it restarts it).',
      ),
    action: z
      .enum(['restart', 'recreate'])
      .optional()
      .describe('`restart` the container (default), or `recreate` it from the same configuration.'),
    maxRestarts: z
      .number()
      .int()
      .optional()
      .describe('Restarts allowed within `window` (default 5); then the service is failed and left alone.'),
    window: Duration.optional().describe('The time window `maxRestarts` counts in (default 10m).'),
    backoff: Backoff.optional().describe(
      'Delay between restarts: the first restart is at once, the next after `initial`, growing by `multiplier` (defaults 1s, 30s, 2, 0.2).',
    ),
    circuitBreaker: z
      .strictObject({
        failureThreshold: z.number().int(),
        resetAfter: Duration,
      })
      .optional(),
  })
  .meta({ id: 'RecoveryPolicy' });
export type RecoveryPolicy = z.infer<typeof RecoveryPolicy>;

const CheckTiming = {
  name: z.string().optional().describe('Shown in the health view; defaults to a description of the check.'),
  interval: Duration.optional().describe('Time between checks once the service is up (default 5s).'),
  timeout: Duration.optional().describe('A check taking longer fails (default 2s).'),
  retries: z
    .number()
    .int()
    .optional()
    .describe('Failures in a row before the service is unhealthy (default 3).'),
  startPeriod: Duration.optional().describe('After a (re)start, failures in this period do not count.'),
  startInterval: Duration.optional().describe(
    'Time between checks while the service is starting (default 1s).',
  ),
};

export const HttpCheck = z
  .strictObject({
    type: z.literal('http'),
    port: z
      .number()
      .int()
      .describe('Container port; reached on the container address, or its published port.'),
    path: z.string().optional().describe('Request path (default `/`).'),
    scheme: z.enum(['http', 'https']).optional(),
    status: z
      .union([z.number().int(), z.string()])
      .optional()
      .describe('Expected status: `200`, a range `200-399` (default), or a list `200,204,300-399`.'),
    body: z.string().optional().describe('A regular expression the response body must match.'),
    headers: StringMap.optional(),
    insecure: z.boolean().optional().describe('With https: accept any certificate (self-signed).'),
    ...CheckTiming,
  })
  .meta({ id: 'HttpCheck' });
export type HttpCheck = z.infer<typeof HttpCheck>;

export const TcpCheck = z
  .strictObject({
    type: z.literal('tcp'),
    port: z.number().int().describe('Container port that must accept a connection.'),
    ...CheckTiming,
  })
  .meta({ id: 'TcpCheck' });
export type TcpCheck = z.infer<typeof TcpCheck>;

export const ExecCheck = z
  .strictObject({
    type: z.literal('exec'),
    command: Command.describe('Run inside the container; exit code 0 passes.'),
    ...CheckTiming,
  })
  .meta({ id: 'ExecCheck' });
export type ExecCheck = z.infer<typeof ExecCheck>;

export const EngineCheck = z
  .strictObject({
    type: z.literal('engine'),
    name: CheckTiming.name,
  })
  .meta({
    id: 'EngineCheck',
    description: "The engine's own healthcheck verdict (the service's `healthcheck` or the image's).",
  });
export type EngineCheck = z.infer<typeof EngineCheck>;

export const HealthCheck = z
  .discriminatedUnion('type', [HttpCheck, TcpCheck, ExecCheck, EngineCheck])
  .meta({ id: 'HealthCheck' });
export type HealthCheck = z.infer<typeof HealthCheck>;

export const HealthSpec = z
  .strictObject({
    checks: z
      .array(HealthCheck)
      .optional()
      .describe(
        "What Dockwright checks; omitted = the engine's healthcheck if there is one, else that it runs.",
      ),
    disable: z.boolean().optional().describe('Do not watch or heal this service.'),
  })
  .meta({ id: 'HealthSpec' });
export type HealthSpec = z.infer<typeof HealthSpec>;

export const Ulimit = z.union([
  z.number().int(),
  z.strictObject({ soft: z.number().int(), hard: z.number().int() }),
]);

export const Logging = z
  .strictObject({
    driver: z.string().optional(),
    options: z.record(z.string(), z.string().nullable()).optional(),
  })
  .meta({ id: 'Logging' });
