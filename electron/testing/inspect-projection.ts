/*
 * A normalized projection of `docker inspect` for a container, so that the same service run by
 * docker-compose 1.29 and by Dockwright, under two project names, compares equal exactly when the
 * two containers are configured alike. What differs by design is left out, each with its reason:
 *
 * - names: `<project>_x_1` / `<project>_x` (Compose) vs `<project>-x` (Dockwright); the project
 *   prefix is replaced by `P` in every name, network, volume and alias;
 * - labels `com.docker.compose.*` and `dockwright.*` (each tool's bookkeeping);
 * - environment `TRACEPARENT`, `TRACESTATE`, `OTEL_*` (Dockwright's trace context, documented);
 * - `Config.StopTimeout`: Compose 1.29 passes `stop_grace_period` to the stop call only, Dockwright
 *   also records it on the container (the health monitor's restarts honour it);
 * - a `Hostname` the file does not set (the engine uses the container id);
 * - container ids (aliases, `container:<id>` network modes are turned into names).
 * `tmpfs:` entries (HostConfig.Tmpfs, Compose) and tmpfs mounts (Mounts, Dockwright) are both
 * projected as `tmpfs` mounts: the engine makes the same mount of either.
 */

export type Projection = Record<string, unknown>;

interface Inspected {
  Id: string;
  Name: string;
  Config: Record<string, unknown> & {
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    Hostname?: string;
  };
  HostConfig: Record<string, unknown> & {
    Tmpfs?: Record<string, string> | null;
    Mounts?: Array<Record<string, unknown>> | null;
    NetworkMode?: string;
  };
  Mounts?: Array<{
    Type?: string;
    Name?: string;
    Source?: string;
    Destination?: string;
    RW?: boolean;
    Propagation?: string;
  }>;
  NetworkSettings: { Networks?: Record<string, { Aliases?: string[] | null; IPAMConfig?: unknown }> | null };
}

const HOST_CONFIG_KEYS = [
  'Init',
  'Privileged',
  'CapAdd',
  'CapDrop',
  'SecurityOpt',
  'ReadonlyRootfs',
  'Dns',
  'ExtraHosts',
  'PidMode',
  'IpcMode',
  'Memory',
  'MemoryReservation',
  'NanoCpus',
  'PidsLimit',
  'Devices',
  'Ulimits',
  'Sysctls',
  'ShmSize',
  'LogConfig',
  'Runtime',
  'RestartPolicy',
  'PortBindings',
] as const;

const CONFIG_KEYS = [
  'Cmd',
  'Entrypoint',
  'User',
  'WorkingDir',
  'Tty',
  'OpenStdin',
  'StopSignal',
  'Image',
  'ExposedPorts',
  'Healthcheck',
] as const;

/** Empty values the engine reports interchangeably (null, [], {}, '', 0 for "unset"). */
function empty(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

export interface ProjectionContext {
  /** The project name to replace with `P`. */
  readonly project: string;
  /** Container ids of the project -> their service name, for `container:<id>` network modes. */
  readonly serviceOfId: ReadonlyMap<string, string>;
  /** Whether the file sets a hostname for this service. */
  readonly hostnameSet: boolean;
}

export function projectInspect(info: Inspected, context: ProjectionContext): Projection {
  const prefix = new RegExp(`^${context.project.replace(/[-]/g, '\\-')}[_-]`);
  const name = (value: string) => value.replace(/^\//, '').replace(prefix, 'P:');
  const config: Projection = {};
  for (const key of CONFIG_KEYS) if (!empty(info.Config[key])) config[key] = info.Config[key];
  if (context.hostnameSet) config.Hostname = info.Config.Hostname;
  config.Env = (info.Config.Env ?? [])
    .filter((entry) => !/^(TRACEPARENT|TRACESTATE|OTEL_[A-Z_]+)=/.test(entry))
    .sort();
  config.Labels = Object.fromEntries(
    Object.entries(info.Config.Labels ?? {})
      .filter(([key]) => !key.startsWith('com.docker.compose.') && !key.startsWith('dockwright.'))
      .sort(([a], [b]) => a.localeCompare(b)),
  );

  const host: Projection = {};
  for (const key of HOST_CONFIG_KEYS) if (!empty(info.HostConfig[key])) host[key] = info.HostConfig[key];
  const mode = info.HostConfig.NetworkMode ?? '';
  const shared = /^container:(.+)$/.exec(mode);
  host.NetworkMode = shared
    ? `container:${context.serviceOfId.get(shared[1]!) ?? name(shared[1]!)}`
    : name(mode).replace(/^P:/, 'P:');

  const mounts = (info.Mounts ?? []).map((mount) => ({
    Type: mount.Type,
    Source: mount.Type === 'volume' ? name(mount.Name ?? '') : mount.Type === 'tmpfs' ? '' : mount.Source,
    Destination: mount.Destination,
    RW: mount.RW,
    ...(mount.Type === 'bind' && mount.Propagation ? { Propagation: mount.Propagation } : {}),
  }));
  for (const target of Object.keys(info.HostConfig.Tmpfs ?? {})) {
    mounts.push({ Type: 'tmpfs', Source: '', Destination: target, RW: true });
  }
  // Anonymous volumes are named by the engine: only that one is there, and where.
  for (const mount of mounts)
    if (mount.Type === 'volume' && /^P:?[0-9a-f]{64}$|^[0-9a-f]{64}$/.test(mount.Source ?? ''))
      mount.Source = '(anonymous)';
  mounts.sort((a, b) => String(a.Destination).localeCompare(String(b.Destination)));

  const networks: Record<string, unknown> = {};
  for (const [network, endpoint] of Object.entries(info.NetworkSettings.Networks ?? {}).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    networks[name(network)] = {
      Aliases: (endpoint.Aliases ?? [])
        .filter((alias) => !info.Id.startsWith(alias))
        .map(name)
        .sort(),
      ...(endpoint.IPAMConfig && !empty(endpoint.IPAMConfig) ? { IPAMConfig: endpoint.IPAMConfig } : {}),
    };
  }
  return { Config: config, HostConfig: host, Mounts: mounts, Networks: networks };
}

/** Every path where two projections differ, with both values: `HostConfig.Init: true != undefined`. */
export function diffProjections(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) =>
      diffProjections(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
      ),
    );
  }
  return [`${path}: ${JSON.stringify(a)} (docker-compose) != ${JSON.stringify(b)} (dockwright)`];
}
