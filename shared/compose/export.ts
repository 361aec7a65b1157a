import {
  isContainer,
  type ContainerNode,
  type FileSource,
  type NetworkNode,
  type Topology,
  type VolumeNode,
} from '../topology/model';
import { formatPath, type PathSegment } from '../topology/problem';
import { placeholdersToCompose } from './env-placeholders';
import { secretsAsReferences } from './export-secrets';
import { placeholderField } from './placeholder-fields';
import { stringifyYaml } from '../topology/yaml-write';
import type {
  ComposeExtensions,
  ComposeFile,
  ComposeFileSource,
  ComposeNetwork,
  ComposeService,
  ComposeVolume,
} from './compose-types';
import { containerToCompose } from './export-service';
import { DOCKWRIGHT_EXTENSION, type DockwrightNodeExtension, type DockwrightTopExtension } from './extension';
import { compact, nonEmpty } from './objects';

/** One thing Compose cannot express, and where the export kept it instead. */
export interface FidelityItem {
  readonly nodeId?: string;
  /** Topology field, e.g. `spec.nodes.migrate.retry`. */
  readonly field: string;
  /** Where it went in the Compose file, e.g. `services.migrate.x-dockwright.retry`. */
  readonly keptIn: string;
  readonly message: string;
}

export interface ComposeExport {
  readonly compose: ComposeFile;
  readonly yaml: string;
  readonly fidelity: readonly FidelityItem[];
}

export interface ExportOptions {
  /** Write the top-level `name` (Compose spec). docker-compose 1.x rejects it. Default true. */
  readonly projectName?: boolean;
  /** Keep the editor layout in `x-dockwright` so a re-import restores it. Default true. */
  readonly layout?: boolean;
  /**
   * Write secret-looking environment values and build args as they are. By default each is
   * replaced by a `${VAR}` reference (listed in the fidelity report), so the file holds no secret.
   */
  readonly includeSecrets?: boolean;
}

/**
 * Topology -> Compose. The Compose object is built typed, then written by the yaml library with
 * YAML-1.1-ambiguous strings quoted and every `$` doubled (Compose would interpolate it), except
 * the `${VAR}` references of environment values, build args and content, which stay references.
 */
export function exportCompose(given: Topology, options: ExportOptions = {}): ComposeExport {
  const keys = composeKeys(given);
  const keyOf = (id: string): string => keys.get(id) ?? id;
  const fidelity: FidelityItem[] = [];
  const note = (nodeId: string | undefined, field: PathSegment[], keptIn: string, message: string): void => {
    fidelity.push({ ...(nodeId === undefined ? {} : { nodeId }), field: formatPath(field), keptIn, message });
  };
  const { topology, references } = options.includeSecrets
    ? { topology: given, references: [] }
    : secretsAsReferences(given);
  for (const ref of references) {
    const section = ref.field === 'environment' ? 'environment' : 'build.args';
    note(
      ref.nodeId,
      ['spec', 'nodes', ref.nodeId, ...ref.field.split('.'), ref.key],
      `services.${keyOf(ref.nodeId)}.${section}.${ref.key}`,
      `${ref.key} looks secret: written as \${${ref.variable}}, to be set in the environment (or .env) of whoever runs the file; export with secrets included to write the value.`,
    );
  }
  const { nodes } = topology.spec;

  const services: Record<string, ComposeService> = {};
  const volumes: Record<string, ComposeVolume> = {};
  const networks: Record<string, ComposeNetwork> = {};
  for (const [id, node] of Object.entries(nodes)) {
    const key = keyOf(id);
    const ext: DockwrightNodeExtension = {};
    if (key !== id) ext.id = id;
    if (node.description !== undefined) ext.description = node.description;
    if (isContainer(node)) {
      const service = containerToCompose(node, keyOf);
      dockwrightOnly(node, key, ext, note, id);
      services[key] = withExtensions(service, node.extensions, ext);
    } else if (node.kind === 'volume') {
      volumes[key] = withExtensions(volumeToCompose(node), node.extensions, ext);
    } else {
      networks[key] = withExtensions(networkToCompose(node), node.extensions, ext);
    }
  }

  const top: DockwrightTopExtension = {};
  const { metadata, layout } = topology;
  if (metadata.description !== undefined) top.description = metadata.description;
  if (metadata.labels !== undefined) top.labels = metadata.labels;
  if (topology.spec.notifications !== undefined) {
    top.notifications = topology.spec.notifications;
    note(
      undefined,
      ['spec', 'notifications'],
      `${DOCKWRIGHT_EXTENSION}.notifications`,
      'Compose sends no notifications; kept for Dockwright.',
    );
  }
  if (topology.spec.handlers !== undefined) {
    top.handlers = topology.spec.handlers;
    note(
      undefined,
      ['spec', 'handlers'],
      `${DOCKWRIGHT_EXTENSION}.handlers`,
      'Compose runs no jobs when a run ends (its handler jobs are exported as plain services); kept for Dockwright.',
    );
  }
  if (layout !== undefined && options.layout !== false) {
    top.layout = layout;
    note(
      undefined,
      ['layout'],
      `${DOCKWRIGHT_EXTENSION}.layout`,
      'The editor layout has no meaning in Compose; kept for re-import.',
    );
  }
  const compose: ComposeFile = compact({
    name: options.projectName === false ? undefined : metadata.name,
    services,
    networks: nonEmpty(networks),
    volumes: nonEmpty(volumes),
    secrets: fileSources(topology.spec.secrets),
    configs: fileSources(topology.spec.configs),
  });
  Object.assign(compose, topology.spec.extensions ?? {});
  if (Object.keys(top).length > 0) compose[DOCKWRIGHT_EXTENSION] = top;
  return { compose, yaml: stringifyYaml(escapeForCompose(compose)), fidelity };
}

type Note = (nodeId: string | undefined, field: PathSegment[], keptIn: string, message: string) => void;

/** Moves what Compose cannot express into the node's x-dockwright and reports each item. */
function dockwrightOnly(
  node: ContainerNode,
  key: string,
  ext: DockwrightNodeExtension,
  note: Note,
  id: string,
): void {
  const where = (field: string): string => `services.${key}.${DOCKWRIGHT_EXTENSION}.${field}`;
  const path = (field: string): PathSegment[] => ['spec', 'nodes', id, field];
  if (node.kind === 'job') {
    ext.kind = 'job';
    if (node.retry !== undefined) {
      ext.retry = node.retry;
      note(
        id,
        path('retry'),
        where('retry'),
        `Compose cannot retry "${key}" with backoff and jitter; it runs once.`,
      );
    }
    if (node.timeout !== undefined) {
      ext.timeout = node.timeout;
      note(
        id,
        path('timeout'),
        where('timeout'),
        `Compose has no time limit for "${key}"; Dockwright stops it after ${node.timeout}.`,
      );
    }
    if (node.successExitCodes !== undefined) {
      ext.successExitCodes = node.successExitCodes;
      note(
        id,
        path('successExitCodes'),
        where('successExitCodes'),
        `Compose counts only exit code 0 as success for "${key}".`,
      );
    }
    if (node.schedule !== undefined) {
      ext.schedule = node.schedule;
      note(id, path('schedule'), where('schedule'), `Compose runs "${key}" once, never on a schedule.`);
    }
  } else {
    if (node.recovery !== undefined) {
      ext.recovery = node.recovery;
      note(
        id,
        path('recovery'),
        where('recovery'),
        `Compose does not restart "${key}" when it turns unhealthy, nor back off or break the circuit.`,
      );
    }
    if (node.health !== undefined) {
      ext.health = node.health;
      note(
        id,
        path('health'),
        where('health'),
        `Compose has no HTTP, TCP or exec checks from outside "${key}"; only its own healthcheck.`,
      );
    }
  }
}

function withExtensions<T extends ComposeExtensions>(
  value: T,
  extensions: Readonly<Record<string, unknown>> | undefined,
  ext: DockwrightNodeExtension,
): T {
  const dockwright = Object.keys(ext).length > 0 ? { [DOCKWRIGHT_EXTENSION]: ext } : {};
  return { ...value, ...(extensions ?? {}), ...dockwright };
}

/** Compose keys by node id: the node's name, made unique per family if two collide. */
function composeKeys(topology: Topology): Map<string, string> {
  const keys = new Map<string, string>();
  const used = new Set<string>();
  for (const [id, node] of Object.entries(topology.spec.nodes)) {
    const family = isContainer(node) ? 'container' : node.kind;
    const base = node.name ?? id;
    let key = base;
    for (let n = 2; used.has(`${family}:${key}`); n++) key = `${base}-${n}`;
    used.add(`${family}:${key}`);
    keys.set(id, key);
  }
  return keys;
}

function volumeToCompose(node: VolumeNode): ComposeVolume {
  return compact({
    name: node.dockerName,
    driver: node.driver,
    driver_opts: node.driverOpts,
    external: node.external,
    labels: node.labels,
  });
}

function networkToCompose(node: NetworkNode): ComposeNetwork {
  return compact({
    name: node.dockerName,
    driver: node.driver,
    driver_opts: node.driverOpts,
    ipam: node.subnets && {
      config: node.subnets.map((s) => compact({ subnet: s.subnet, gateway: s.gateway, ip_range: s.ipRange })),
    },
    internal: node.internal,
    external: node.external,
    attachable: node.attachable,
    enable_ipv6: node.enableIpv6,
    labels: node.labels,
  });
}

function fileSources(
  defs: Readonly<Record<string, FileSource>> | undefined,
): Record<string, ComposeFileSource> | undefined {
  if (defs === undefined) return undefined;
  const out: Record<string, ComposeFileSource> = {};
  for (const [name, def] of Object.entries(defs)) {
    out[name] = {
      ...compact({
        name: def.dockerName,
        file: def.file,
        environment: def.environment,
        content: def.content,
        external: def.external,
        labels: def.labels,
      }),
      ...(def.extensions ?? {}),
    };
  }
  return nonEmpty(out);
}

/**
 * `escapeDollars`, but the values that keep references in a topology (`placeholderField`) are
 * written with their references as references and only their literal dollars escaped.
 */
function escapeForCompose(value: unknown, path: PathSegment[] = []): unknown {
  if (typeof value === 'string') {
    if (!value.includes('$')) return value;
    const field = placeholderField(path);
    if (field === 'value') return placeholdersToCompose(value);
    const equals = value.indexOf('=');
    if (field === 'entry' && equals !== -1)
      return `${escapeDollars(value.slice(0, equals)) as string}=${placeholdersToCompose(value.slice(equals + 1))}`;
    return escapeDollars(value);
  }
  if (Array.isArray(value)) return value.map((item, index) => escapeForCompose(item, [...path, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeForCompose(v, [...path, k])]));
  }
  return value;
}

/** Compose interpolates `$` in every value; `$$` is its escape for a literal dollar. */
export function escapeDollars(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('$') ? value.replaceAll('$', '$$$$') : value;
  if (Array.isArray(value)) return value.map(escapeDollars);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDollars(v)]));
  }
  return value;
}
