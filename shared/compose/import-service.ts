import {
  sharedNetworkMode,
  sharedNetworkService,
  type Dependency,
  type FileGrant,
  type Mount,
  type NetworkAttachment,
  type Port,
  type ServiceNode,
} from '../topology/model';
import type { PathSegment } from '../topology/problem';
import {
  durationText,
  extensionsOf,
  isRecord,
  keyValueMap,
  optionalBoolean,
  optionalInt,
  reportUnknownKeys,
  scalarText,
  stringList,
  stringMap,
  type ImportContext,
  type RawMap,
} from './import-context';
import { parseMount, parsePort } from './import-syntax';
import { DOCKWRIGHT_EXTENSION } from './extension';
import { importServiceResources } from './import-service-resources';
import {
  importBuild,
  importDevices,
  importEnvFiles,
  importExtraHosts,
  importHealthcheck,
  importLogging,
  importPullPolicy,
  importRestart,
  importUlimits,
} from './import-service-fields';
import { compact } from './objects';

export interface Resolver {
  readonly serviceId: (key: string) => string | undefined;
  readonly volumeId: (key: string, path: PathSegment[]) => string;
  readonly networkId: (key: string, path: PathSegment[]) => string;
}

const CONDITIONS: Record<string, Dependency['condition']> = {
  service_started: 'started',
  service_healthy: 'healthy',
  service_completed_successfully: 'completed',
};

/** Fields read by importService or elsewhere by the importer. */
export const SERVICE_KEYS = new Set([
  'image',
  'build',
  'pull_policy',
  'platform',
  'command',
  'entrypoint',
  'environment',
  'env_file',
  'user',
  'working_dir',
  'init',
  'container_name',
  'hostname',
  'depends_on',
  'links',
  'networks',
  'network_mode',
  'volumes',
  'tmpfs',
  'secrets',
  'configs',
  'profiles',
  'deploy',
  'scale',
  'cpus',
  'mem_limit',
  'mem_reservation',
  'pids_limit',
  'privileged',
  'cap_add',
  'cap_drop',
  'devices',
  'pid',
  'ipc',
  'read_only',
  'security_opt',
  'ulimits',
  'sysctls',
  'shm_size',
  'dns',
  'extra_hosts',
  'stop_signal',
  'stop_grace_period',
  'stdin_open',
  'tty',
  'runtime',
  'logging',
  'labels',
  'ports',
  'expose',
  'healthcheck',
  'restart',
  'extends',
]);

/** One Compose service as a service node; the importer turns it into a job when it is one. */
export function importService(key: string, raw: RawMap, r: Resolver, ctx: ImportContext): ServiceNode {
  const path = (...rest: PathSegment[]): PathSegment[] => ['services', key, ...rest];
  reportUnknownKeys(raw, SERVICE_KEYS, path(), ctx, `Service "${key}"`);
  const command = (field: string): string | string[] | undefined => {
    const value = raw[field];
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return stringList(value, path(field), ctx);
    return scalarText(value);
  };
  const node: ServiceNode = compact({
    kind: 'service' as const,
    image: scalarText(raw['image']),
    build: importBuild(raw['build'], path('build'), ctx),
    pullPolicy: importPullPolicy(raw['pull_policy'], path('pull_policy'), ctx),
    platform: scalarText(raw['platform']),
    command: command('command'),
    entrypoint: command('entrypoint'),
    environment: keyValueMap(raw['environment'], path('environment'), ctx),
    envFiles: importEnvFiles(raw['env_file'], path('env_file'), ctx),
    user: scalarText(raw['user']),
    workingDir: scalarText(raw['working_dir']),
    init: optionalBoolean(raw['init'], path('init'), ctx),
    containerName: scalarText(raw['container_name']),
    hostname: scalarText(raw['hostname']),
    dependsOn: importDependsOn(raw, key, r, ctx),
    networks: importNetworks(raw['networks'], path('networks'), r, ctx),
    networkMode: importNetworkMode(raw['network_mode'], r),
    mounts: importMounts(raw, key, r, ctx),
    secrets: importGrants(raw['secrets'], path('secrets'), ctx),
    configs: importGrants(raw['configs'], path('configs'), ctx),
    profiles: stringList(raw['profiles'], path('profiles'), ctx),
    resources: importServiceResources(raw, key, ctx),
    privileged: optionalBoolean(raw['privileged'], path('privileged'), ctx),
    capAdd: stringList(raw['cap_add'], path('cap_add'), ctx),
    capDrop: stringList(raw['cap_drop'], path('cap_drop'), ctx),
    devices: importDevices(raw['devices'], path('devices'), ctx),
    pid: scalarText(raw['pid']),
    ipc: scalarText(raw['ipc']),
    readOnly: optionalBoolean(raw['read_only'], path('read_only'), ctx),
    securityOpt: stringList(raw['security_opt'], path('security_opt'), ctx),
    ulimits: importUlimits(raw['ulimits'], path('ulimits'), ctx),
    sysctls: stringMap(raw['sysctls'], path('sysctls'), ctx),
    shmSize: typeof raw['shm_size'] === 'number' ? raw['shm_size'] : scalarText(raw['shm_size']),
    dns: stringList(raw['dns'], path('dns'), ctx),
    extraHosts: importExtraHosts(raw['extra_hosts'], path('extra_hosts'), ctx),
    stopSignal: scalarText(raw['stop_signal']),
    stopGracePeriod: durationText(raw['stop_grace_period'], path('stop_grace_period'), ctx),
    stdinOpen: optionalBoolean(raw['stdin_open'], path('stdin_open'), ctx),
    tty: optionalBoolean(raw['tty'], path('tty'), ctx),
    runtime: scalarText(raw['runtime']),
    logging: importLogging(raw['logging'], path('logging'), ctx),
    labels: stringMap(raw['labels'], path('labels'), ctx),
    ports: importPorts(raw['ports'], path('ports'), ctx),
    expose: stringList(raw['expose'], path('expose'), ctx),
    replicas: importReplicas(raw, key, ctx),
    healthcheck: importHealthcheck(raw['healthcheck'], path('healthcheck'), ctx),
    restart: importRestart(raw['restart'], path('restart'), ctx),
    extensions: extensionsOf(raw, [DOCKWRIGHT_EXTENSION]),
  });
  return node;
}

function importDependsOn(
  raw: RawMap,
  key: string,
  r: Resolver,
  ctx: ImportContext,
): Dependency[] | undefined {
  const out: Dependency[] = [];
  const add = (target: string, entry: unknown, path: PathSegment[]): void => {
    const id = r.serviceId(target);
    const options = isRecord(entry) ? entry : {};
    const conditionText = scalarText(options['condition']) ?? 'service_started';
    const condition = CONDITIONS[conditionText];
    if (condition === undefined)
      ctx.invalid(
        [...path, 'condition'],
        `Unknown depends_on condition "${conditionText}"; imported as started.`,
      );
    const restart = optionalBoolean(options['restart'], [...path, 'restart'], ctx);
    const required = optionalBoolean(options['required'], [...path, 'required'], ctx);
    out.push(compact({ node: id ?? target, condition: condition ?? 'started', restart, required }));
  };
  const value = raw['depends_on'];
  if (Array.isArray(value))
    value.forEach((entry, i) => add(String(entry), undefined, ['services', key, 'depends_on', i]));
  else if (isRecord(value))
    for (const [target, entry] of Object.entries(value))
      add(target, entry, ['services', key, 'depends_on', target]);
  const links = stringList(raw['links'], ['services', key, 'links'], ctx) ?? [];
  links.forEach((link, i) => {
    const [target = link, alias] = link.split(':');
    ctx.converted(
      ['services', key, 'links', i],
      `Legacy link "${link}" became a dependency on "${target}"${alias ? `; the alias "${alias}" was not kept (use a network alias)` : ''}.`,
    );
    if (!out.some((d) => d.node === (r.serviceId(target) ?? target)))
      add(target, undefined, ['services', key, 'links', i]);
  });
  return out.length > 0 ? out : undefined;
}

function importNetworks(
  value: unknown,
  path: PathSegment[],
  r: Resolver,
  ctx: ImportContext,
): NetworkAttachment[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value))
    return value.map((name, i) => ({ network: r.networkId(String(name), [...path, i]) }));
  if (!isRecord(value)) return void ctx.invalid(path, 'networks must be a list or a mapping.');
  return Object.entries(value).map(([name, options]) => {
    const at = [...path, name];
    const opts = isRecord(options) ? options : {};
    reportUnknownKeys(
      opts,
      new Set(['aliases', 'ipv4_address', 'ipv6_address', 'priority']),
      at,
      ctx,
      'Network attachment',
    );
    return compact({
      network: r.networkId(name, at),
      aliases: stringList(opts['aliases'], [...at, 'aliases'], ctx),
      ipv4Address: scalarText(opts['ipv4_address']),
      ipv6Address: scalarText(opts['ipv6_address']),
      priority: optionalInt(opts['priority'], [...at, 'priority'], ctx),
    });
  });
}

function importNetworkMode(value: unknown, r: Resolver): string | undefined {
  const text = scalarText(value);
  const shared = sharedNetworkService(text);
  return shared === undefined ? text : sharedNetworkMode(r.serviceId(shared) ?? shared);
}

function importMounts(raw: RawMap, key: string, r: Resolver, ctx: ImportContext): Mount[] | undefined {
  const out: Mount[] = [];
  const volumes = raw['volumes'];
  if (Array.isArray(volumes)) {
    volumes.forEach((entry, i) => {
      const mount = parseMount(entry, ['services', key, 'volumes', i], ctx, r.volumeId);
      if (mount) out.push(mount);
    });
  } else if (volumes !== undefined && volumes !== null) {
    ctx.invalid(['services', key, 'volumes'], 'volumes must be a list.');
  }
  const tmpfs = stringList(raw['tmpfs'], ['services', key, 'tmpfs'], ctx) ?? [];
  tmpfs.forEach((entry, i) => {
    const [target = entry, options] = entry.split(':');
    if (options)
      ctx.unsupported(
        ['services', key, 'tmpfs', i],
        `tmpfs options "${options}" of ${target} were not imported.`,
      );
    out.push({ type: 'tmpfs', target });
  });
  if (tmpfs.length > 0)
    ctx.converted(
      ['services', key, 'tmpfs'],
      'tmpfs entries became tmpfs mounts (exported as long-syntax volumes).',
    );
  return out.length > 0 ? out : undefined;
}

function importGrants(value: unknown, path: PathSegment[], ctx: ImportContext): FileGrant[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return void ctx.invalid(path, 'Expected a list.');
  return value.flatMap((entry, i): FileGrant[] => {
    const name = scalarText(entry);
    if (name !== undefined) return [{ source: name }];
    if (!isRecord(entry) || scalarText(entry['source']) === undefined) {
      ctx.invalid([...path, i], 'Expected a name or a mapping with a source.');
      return [];
    }
    reportUnknownKeys(
      entry,
      new Set(['source', 'target', 'uid', 'gid', 'mode']),
      [...path, i],
      ctx,
      'Secret/config grant',
    );
    const mode = optionalInt(entry['mode'], [...path, i, 'mode'], ctx);
    return [
      compact({
        source: scalarText(entry['source']) ?? '',
        target: scalarText(entry['target']),
        uid: scalarText(entry['uid']),
        gid: scalarText(entry['gid']),
        mode,
      }),
    ];
  });
}

function importPorts(value: unknown, path: PathSegment[], ctx: ImportContext): Port[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return void ctx.invalid(path, 'ports must be a list.');
  return value.flatMap((entry, i) => parsePort(entry, [...path, i], ctx));
}

function importReplicas(raw: RawMap, key: string, ctx: ImportContext): number | undefined {
  const deploy = isRecord(raw['deploy']) ? raw['deploy'] : {};
  const replicas = optionalInt(deploy['replicas'], ['services', key, 'deploy', 'replicas'], ctx);
  const scale = optionalInt(raw['scale'], ['services', key, 'scale'], ctx);
  if (scale !== undefined)
    ctx.converted(['services', key, 'scale'], `scale: ${scale} became replicas (deploy.replicas on export).`);
  return replicas ?? scale;
}
