import type { Duplex, Readable } from 'node:stream';

/*
 * The DockerClient port: every call Dockwright makes to a Docker engine, typed with the Engine
 * API's own field names (v1.41) as far as Dockwright reads or writes them. One module implements
 * it over dockerode (`dockerode-client.ts`); everything else — resources, waits, health, telemetry
 * and tests — talks to this interface.
 *
 * Errors: a call rejects with the engine's answer as an error carrying `statusCode` (404, 409,
 * 304, ...) and `json.message`, or with a connection error carrying `code` (ECONNREFUSED,
 * ENOENT, ...). `statusOf` and `toEngineError` (engine-errors.ts) read both.
 */

/** Engine list filters, e.g. `{ label: ['dockwright.project=demo'], type: ['container'] }`. */
export type Filters = Readonly<Record<string, readonly string[]>>;

export interface EngineVersion {
  Version: string;
  ApiVersion: string;
  Os?: string;
  Arch?: string;
  KernelVersion?: string;
}

/** The fields of `GET /info` that Dockwright reads. */
export interface DaemonInfo {
  Name?: string;
  OperatingSystem?: string;
  OSType?: string;
  Architecture?: string;
  KernelVersion?: string;
  Containers?: number;
  ContainersRunning?: number;
  Images?: number;
  Runtimes?: Record<string, unknown>;
  Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string };
}

export interface HealthConfig {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  Retries?: number;
  StartPeriod?: number;
}

export interface MountSpec {
  Type: 'volume' | 'bind' | 'tmpfs' | 'npipe';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string; NonRecursive?: boolean };
  VolumeOptions?: {
    NoCopy?: boolean;
    Labels?: Record<string, string>;
    /** The driver a Swarm node creates the volume with, when it is missing there. */
    DriverConfig?: { Name?: string; Options?: Record<string, string> };
  };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

export interface PortBinding {
  HostIp?: string;
  HostPort?: string;
}

/** A path in a container as the engine describes it (Go's `os.FileMode` bits in `mode`). */
export interface PathStat {
  readonly size: number;
  readonly mode: number;
  readonly linkTarget: string;
}

export interface DeviceMapping {
  PathOnHost: string;
  PathInContainer: string;
  CgroupPermissions?: string;
}

export interface Ulimit {
  Name: string;
  Soft: number;
  Hard: number;
}

export interface HostConfig {
  Init?: boolean;
  NetworkMode?: string;
  PortBindings?: Record<string, PortBinding[]>;
  Mounts?: MountSpec[];
  Binds?: string[];
  RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
  Privileged?: boolean;
  CapAdd?: string[];
  CapDrop?: string[];
  ReadonlyRootfs?: boolean;
  SecurityOpt?: string[];
  ExtraHosts?: string[];
  Dns?: string[];
  DnsSearch?: string[];
  DnsOptions?: string[];
  PidMode?: string;
  IpcMode?: string;
  UTSMode?: string;
  UsernsMode?: string;
  Memory?: number;
  MemoryReservation?: number;
  MemorySwap?: number;
  NanoCpus?: number;
  CpuShares?: number;
  CpusetCpus?: string;
  PidsLimit?: number;
  Devices?: DeviceMapping[];
  Ulimits?: Ulimit[];
  Sysctls?: Record<string, string>;
  ShmSize?: number;
  Tmpfs?: Record<string, string>;
  LogConfig?: { Type: string; Config?: Record<string, string> };
  Runtime?: string;
  GroupAdd?: string[];
  OomKillDisable?: boolean;
  OomScoreAdj?: number;
  StorageOpt?: Record<string, string>;
  CgroupParent?: string;
  Isolation?: string;
  Links?: string[];
  VolumesFrom?: string[];
  AutoRemove?: boolean;
}

export interface EndpointSettings {
  Aliases?: string[] | null;
  IPAddress?: string;
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string };
  Links?: string[];
}

/** The body of `POST /containers/create` (the name travels apart, as a query parameter). */
export interface ContainerCreateBody {
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  Env?: string[];
  Labels?: Record<string, string>;
  User?: string;
  WorkingDir?: string;
  Hostname?: string;
  Domainname?: string;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  StopSignal?: string;
  StopTimeout?: number;
  ExposedPorts?: Record<string, Record<string, never>>;
  Healthcheck?: HealthConfig;
  MacAddress?: string;
  HostConfig?: HostConfig;
  NetworkingConfig?: { EndpointsConfig?: Record<string, EndpointSettings> };
}

/** `GET /containers/{id}/json`, the fields Dockwright reads. */
export interface ContainerInspect {
  Id: string;
  Name: string;
  Created?: string;
  Image?: string;
  RestartCount: number;
  State: {
    Status: string;
    Running: boolean;
    Paused?: boolean;
    Restarting?: boolean;
    OOMKilled: boolean;
    Dead?: boolean;
    Pid?: number;
    ExitCode: number;
    Error?: string;
    StartedAt: string;
    FinishedAt: string;
    Health?: { Status: string; FailingStreak?: number; Log?: unknown[] };
  };
  Config: Omit<ContainerCreateBody, 'HostConfig' | 'NetworkingConfig'> & { Image: string };
  HostConfig: HostConfig;
  Mounts?: Array<{
    Type?: string;
    Name?: string;
    Source?: string;
    Destination?: string;
    RW?: boolean;
    Propagation?: string;
    Mode?: string;
  }>;
  NetworkSettings: {
    Ports?: Record<string, PortBinding[] | null> | null;
    Networks?: Record<string, EndpointSettings>;
  };
}

/** `GET /containers/json`, one entry. */
export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image?: string;
  State: string;
  Status: string;
  Labels?: Record<string, string>;
  Created?: number;
}

export interface NetworkCreateBody {
  Name: string;
  Driver?: string;
  Internal?: boolean;
  Attachable?: boolean;
  EnableIPv6?: boolean;
  CheckDuplicate?: boolean;
  Options?: Record<string, string>;
  Labels?: Record<string, string>;
  IPAM?: {
    Driver?: string;
    Config?: Array<{
      Subnet?: string;
      IPRange?: string;
      Gateway?: string;
      AuxiliaryAddresses?: Record<string, string>;
    }>;
    Options?: Record<string, string>;
  };
}

export interface NetworkInspect {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Labels?: Record<string, string> | null;
  Containers?: Record<string, { Name?: string }>;
}

export interface VolumeCreateBody {
  Name: string;
  Driver?: string;
  DriverOpts?: Record<string, string>;
  Labels?: Record<string, string>;
}

export interface VolumeInspect {
  Name: string;
  Driver?: string;
  Mountpoint?: string;
  Labels?: Record<string, string> | null;
  Scope?: string;
  UsageData?: { Size: number; RefCount: number } | null;
}

export interface ImageSummary {
  Id: string;
  RepoTags?: string[] | null;
  Size: number;
  Created: number;
}

export interface ImageInspect {
  Id: string;
  RepoTags?: string[] | null;
  Os?: string;
  Architecture?: string;
  Config?: { Cmd?: string[] | null; Entrypoint?: string[] | null; Env?: string[] | null; User?: string };
}

export interface LogsOptions {
  stdout?: boolean;
  stderr?: boolean;
  timestamps?: boolean;
  /** Seconds since the epoch, with a fraction: lines from then on. */
  since?: string;
  tail?: number;
}

export interface BuildOptions {
  t: string;
  dockerfile?: string;
  target?: string;
  buildargs?: Record<string, string>;
  labels?: Record<string, string>;
  /** Images to use as cache sources. */
  cachefrom?: string[];
  /** The network for RUN instructions during the build. */
  networkmode?: string;
  platform?: string;
  abortSignal?: AbortSignal;
}

/** One line of a build or pull progress stream. */
export interface ProgressEvent {
  stream?: string;
  status?: string;
  progress?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** A started exec: its (multiplexed) output stream and, once that ended, its exit code. */
export interface ExecSession {
  readonly output: Duplex;
  inspect(): Promise<{ ExitCode: number | null; Running?: boolean }>;
}

/** A Swarm service spec (`POST /services/create`), the fields Dockwright writes. */
export interface ServiceSpec {
  Name: string;
  Labels?: Record<string, string>;
  TaskTemplate: {
    ContainerSpec: {
      Image: string;
      Command?: string[];
      Args?: string[];
      Env?: string[];
      Labels?: Record<string, string>;
      User?: string;
      Dir?: string;
      Hostname?: string;
      Init?: boolean;
      TTY?: boolean;
      OpenStdin?: boolean;
      StopSignal?: string;
      StopGracePeriod?: number;
      Healthcheck?: HealthConfig;
      Mounts?: MountSpec[];
      Secrets?: Array<{
        SecretID: string;
        SecretName: string;
        File: { Name: string; UID: string; GID: string; Mode: number };
      }>;
      Configs?: Array<{
        ConfigID: string;
        ConfigName: string;
        File: { Name: string; UID: string; GID: string; Mode: number };
      }>;
      CapabilityAdd?: string[];
      CapabilityDrop?: string[];
      ReadOnly?: boolean;
      Sysctls?: Record<string, string>;
      Ulimits?: Ulimit[];
      Hosts?: string[];
      DNSConfig?: { Nameservers?: string[] };
      Privileges?: Record<string, unknown>;
    };
    Resources?: {
      Limits?: { NanoCPUs?: number; MemoryBytes?: number; Pids?: number };
      Reservations?: { NanoCPUs?: number; MemoryBytes?: number };
    };
    RestartPolicy?: {
      Condition?: 'none' | 'on-failure' | 'any';
      Delay?: number;
      MaxAttempts?: number;
      Window?: number;
    };
    Placement?: { Constraints?: string[]; Platforms?: Array<{ Architecture?: string; OS?: string }> };
    Networks?: Array<{ Target: string; Aliases?: string[] }>;
    LogDriver?: { Name: string; Options?: Record<string, string> };
    ForceUpdate?: number;
  };
  Mode?: {
    Replicated?: { Replicas?: number };
    Global?: Record<string, never>;
    ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number };
  };
  UpdateConfig?: {
    Parallelism?: number;
    Delay?: number;
    FailureAction?: string;
    Order?: string;
    Monitor?: number;
  };
  EndpointSpec?: {
    Mode?: 'vip' | 'dnsrr';
    Ports?: Array<{
      Protocol?: string;
      TargetPort: number;
      PublishedPort?: number;
      PublishMode?: 'ingress' | 'host';
    }>;
  };
}

export interface ServiceInspect {
  ID: string;
  Version: { Index: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: ServiceSpec;
  Endpoint?: { Ports?: Array<{ Protocol?: string; TargetPort?: number; PublishedPort?: number }> };
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number; CompletedTasks?: number };
  JobStatus?: { JobIteration?: { Index?: number }; LastExecution?: string };
  /** A rolling update's progress (`updating`, `completed`, `rollback_completed`, `paused`, ...). */
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string; CompletedAt?: string };
}

export interface TaskInspect {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  CreatedAt?: string;
  UpdatedAt?: string;
  DesiredState: string;
  Status: {
    State: string;
    Timestamp?: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string; ExitCode?: number };
  };
  Labels?: Record<string, string>;
  Spec?: { ContainerSpec?: { Labels?: Record<string, string> } };
  /** A replicated job's run the task belongs to (each update of a job starts a new one); 0 is left out. */
  JobIteration?: { Index?: number };
}

export interface SwarmNode {
  ID: string;
  Description?: { Hostname?: string; Platform?: { Architecture?: string; OS?: string } };
  Status?: { State?: string };
  Spec?: { Role?: string; Availability?: string };
}

/** A Swarm secret or config: its data goes in base64. */
export interface SwarmFileSpec {
  Name: string;
  Data: string;
  Labels?: Record<string, string>;
}

export interface SwarmFileInspect {
  ID: string;
  Spec: { Name: string; Labels?: Record<string, string> | null };
}

export interface DockerClient {
  ping(): Promise<void>;
  version(): Promise<EngineVersion>;
  info(): Promise<DaemonInfo>;
  /** The engine's event stream (JSON lines) for `filters`; open until destroyed. */
  events(filters?: Filters): Promise<Readable>;

  listContainers(options?: { all?: boolean; filters?: Filters }): Promise<ContainerSummary[]>;
  /** `platform` (`linux/arm64`) picks the image variant, as `docker create --platform` does. */
  createContainer(
    name: string,
    body: ContainerCreateBody,
    options?: { platform?: string },
  ): Promise<{ id: string }>;
  inspectContainer(id: string): Promise<ContainerInspect>;
  startContainer(id: string): Promise<void>;
  /** Waits up to the stop timeout, so it is never cut by a request timeout. */
  stopContainer(id: string, timeoutSeconds?: number): Promise<void>;
  restartContainer(id: string, timeoutSeconds?: number): Promise<void>;
  killContainer(id: string, signal?: string): Promise<void>;
  removeContainer(id: string, options?: { force?: boolean; volumes?: boolean }): Promise<void>;
  /** Resolves when the container exits (no request timeout). */
  waitContainer(id: string): Promise<{ StatusCode: number }>;
  /** The output written so far (multiplexed unless the container has a TTY). */
  containerLogs(id: string, options: LogsOptions): Promise<Buffer>;
  /** The output as it is written, until the container stops or the stream is destroyed. */
  followContainerLogs(id: string, options: LogsOptions): Promise<Readable>;
  /** The engine's stats stream (JSON lines, about one a second). */
  containerStats(id: string): Promise<Readable>;
  exec(
    id: string,
    options: { Cmd: string[]; User?: string; Env?: string[]; WorkingDir?: string },
  ): Promise<ExecSession>;
  /**
   * Unpacks a tar archive into the container at `path` (a folder that exists); with
   * `copyOwnership`, the archive's uid/gid are kept (else files belong to the container's root).
   */
  putArchive(id: string, path: string, tar: Buffer, options?: { copyOwnership?: boolean }): Promise<void>;
  /** Reads `path` out of the container as a tar archive. */
  getArchive(id: string, path: string): Promise<Readable>;
  /**
   * What the engine says of `path` in the container without reading it (`HEAD …/archive`): its
   * `X-Docker-Container-Path-Stat` header, decoded; undefined when that header is missing or not
   * what it should be.
   */
  statPath(id: string, path: string): Promise<PathStat | undefined>;

  listNetworks(options?: { filters?: Filters }): Promise<NetworkInspect[]>;
  createNetwork(body: NetworkCreateBody): Promise<{ id: string }>;
  inspectNetwork(id: string): Promise<NetworkInspect>;
  removeNetwork(id: string): Promise<void>;
  connectNetwork(network: string, container: string, endpoint?: EndpointSettings): Promise<void>;

  listVolumes(options?: { filters?: Filters }): Promise<VolumeInspect[]>;
  createVolume(body: VolumeCreateBody): Promise<VolumeInspect>;
  inspectVolume(name: string): Promise<VolumeInspect>;
  removeVolume(name: string): Promise<void>;
  /** Sizes of volumes (`GET /system/df`), by name; may be slow on a large engine. */
  volumeSizes(): Promise<Record<string, number>>;

  listImages(): Promise<ImageSummary[]>;
  inspectImage(reference: string): Promise<ImageInspect>;
  /** Builds from a build context (a tar stream); the returned stream is the progress. */
  buildImage(context: Readable, options: BuildOptions): Promise<Readable>;
  pullImage(reference: string, options?: { platform?: string }): Promise<Readable>;
  /** Reads a build or pull progress stream to its end. */
  followProgress(stream: Readable, onEvent: (event: ProgressEvent) => void): Promise<ProgressEvent[]>;

  // Swarm: only on an engine that is a Swarm manager (the engine answers 503 otherwise).
  listServices(options?: { filters?: Filters }): Promise<ServiceInspect[]>;
  createService(spec: ServiceSpec): Promise<{ id: string }>;
  inspectService(id: string): Promise<ServiceInspect>;
  /** Replaces the service's spec; `version` is the one inspected (the engine refuses a stale one). */
  updateService(id: string, version: number, spec: ServiceSpec): Promise<void>;
  removeService(id: string): Promise<void>;
  /** The service's tasks' output (multiplexed), followed when `follow`. */
  serviceLogs(id: string, options: LogsOptions & { follow?: boolean }): Promise<Readable>;
  listTasks(options?: { filters?: Filters }): Promise<TaskInspect[]>;
  listNodes(): Promise<SwarmNode[]>;
  listSecrets(options?: { filters?: Filters }): Promise<SwarmFileInspect[]>;
  createSecret(spec: SwarmFileSpec): Promise<{ id: string }>;
  removeSecret(id: string): Promise<void>;
  listConfigs(options?: { filters?: Filters }): Promise<SwarmFileInspect[]>;
  createConfig(spec: SwarmFileSpec): Promise<{ id: string }>;
  removeConfig(id: string): Promise<void>;
}
