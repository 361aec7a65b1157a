import { CURRENT_API_VERSION } from '../topology/version';
import {
  Topology,
  type FileSource,
  type JobNode,
  type NetworkNode,
  type ServiceNode,
  type TopologyNode,
  type VolumeNode,
} from '../topology/model';
import { schemaProblems } from '../topology/document';
import { problem, type PathSegment, type Problem } from '../topology/problem';
import { DEFAULT_YAML_LIMITS, readYaml, type YamlLimits, type YamlSource } from '../topology/yaml-source';
import { DockwrightNodeExtension, DockwrightTopExtension, DOCKWRIGHT_EXTENSION } from './extension';
import { resolveExtends } from './extends';
import {
  extensionsOf,
  ImportContext,
  isRecord,
  optionalBoolean,
  reportUnknownKeys,
  scalarText,
  stringMap,
  type RawMap,
} from './import-context';
import { importService, type Resolver } from './import-service';
import { interpolateForImport } from './import-interpolation';
import type { Environment } from './interpolate';
import { importNetwork, importVolume } from './import-networks-volumes';

export interface ComposeImportOptions {
  /**
   * Variables for `${VAR}` interpolation (the caller merges `.env` and the process environment).
   * Environment values, build args and secret/config content keep their references (the run
   * resolves them); other fields are interpolated here.
   */
  readonly env?: Environment;
  /** Used for the project name when the file has no `name:` (Compose uses the folder name). */
  readonly fileName?: string;
  readonly limits?: YamlLimits;
}

export type ComposeImportResult =
  | {
      readonly ok: true;
      readonly topology: Topology;
      readonly problems: Problem[];
      readonly source: YamlSource;
    }
  | { readonly ok: false; readonly problems: Problem[] };

const TOP_KEYS = new Set(['version', 'name', 'services', 'networks', 'volumes', 'secrets', 'configs']);

/** Reads a compose.yaml / docker-compose.yml text into a topology, with every loss reported. */
export function importCompose(text: string, options: ComposeImportOptions = {}): ComposeImportResult {
  const read = readYaml(text, options.limits ?? DEFAULT_YAML_LIMITS);
  if (!read.ok) return read;
  const result = importComposeValue(read.value, options);
  const problems = read.source.locateAll(result.problems);
  return result.ok
    ? { ok: true, topology: result.topology, problems, source: read.source }
    : { ok: false, problems };
}

export function importComposeValue(
  value: unknown,
  options: ComposeImportOptions = {},
): { ok: true; topology: Topology; problems: Problem[] } | { ok: false; problems: Problem[] } {
  const ctx = new ImportContext();
  if (!isRecord(value) || !isRecord(value['services'])) {
    return {
      ok: false,
      problems: [problem('COMPOSE_INVALID', 'A Compose file is a mapping with a "services" section.', [])],
    };
  }
  const doc = interpolateForImport(value, options.env ?? {}, ctx.problems) as RawMap;
  reportUnknownKeys(doc, TOP_KEYS, [], ctx, 'Compose file');
  if (doc['version'] !== undefined)
    ctx.converted(['version'], 'The top-level "version" is obsolete in the Compose spec and was ignored.');

  const rawServices: Record<string, RawMap> = {};
  for (const [key, service] of Object.entries(isRecord(doc['services']) ? doc['services'] : {})) {
    if (isRecord(service)) rawServices[key] = service;
    else if (service === null) rawServices[key] = {};
    else ctx.invalid(['services', key], `Service "${key}" must be a mapping.`);
  }
  const services = resolveExtends(rawServices, ctx);
  const nodes: Record<string, TopologyNode> = {};
  const ids = new Ids();

  const serviceIds = new Map<string, string>();
  const extensions = new Map<string, DockwrightNodeExtension>();
  for (const [key, raw] of Object.entries(services)) {
    const ext = nodeExtension(raw, ['services', key], ctx);
    extensions.set(key, ext);
    serviceIds.set(key, ids.claim(ext.id ?? key));
  }
  const volumeIds = declareResources(doc, 'volumes', ids, nodes, ctx);
  const networkIds = declareResources(doc, 'networks', ids, nodes, ctx);
  const resolver: Resolver = {
    serviceId: (key) => serviceIds.get(key),
    volumeId: (key, path) =>
      volumeIds.get(key) ?? implicitResource('volume', key, path, ids, volumeIds, nodes, ctx),
    networkId: (key, path) =>
      networkIds.get(key) ?? implicitResource('network', key, path, ids, networkIds, nodes, ctx),
  };

  const imported = new Map<string, ServiceNode>();
  for (const [key, raw] of Object.entries(services))
    imported.set(key, importService(key, raw, resolver, ctx));
  const serviceNodes: Record<string, TopologyNode> = {};
  for (const [key, node] of imported) {
    const id = serviceIds.get(key) ?? key;
    const ext = extensions.get(key) ?? {};
    const base = {
      ...node,
      ...(key !== id ? { name: key } : {}),
      ...(ext.description === undefined ? {} : { description: ext.description }),
    };
    serviceNodes[id] = isJob(id, node, ext, imported)
      ? toJob(base, key, ext, ctx)
      : {
          ...base,
          ...(ext.recovery ? { recovery: ext.recovery } : {}),
          ...(ext.health ? { health: ext.health } : {}),
        };
  }
  const top = topExtension(doc, ctx);
  const topology = {
    apiVersion: CURRENT_API_VERSION,
    kind: 'Topology' as const,
    metadata: {
      name: projectName(scalarText(doc['name']), options.fileName),
      ...(top.description === undefined ? {} : { description: top.description }),
      ...(top.labels === undefined ? {} : { labels: top.labels }),
    },
    spec: {
      nodes: { ...serviceNodes, ...nodes },
      ...optional('secrets', fileSources(doc['secrets'], 'secrets', ctx)),
      ...optional('configs', fileSources(doc['configs'], 'configs', ctx)),
      ...optional('notifications', top.notifications),
      ...optional('handlers', top.handlers),
      ...optional('extensions', extensionsOf(doc, [DOCKWRIGHT_EXTENSION])),
    },
    ...(top.layout === undefined ? {} : { layout: top.layout }),
  };
  const parsed = Topology.safeParse(topology);
  if (!parsed.success)
    return { ok: false, problems: [...ctx.problems, ...schemaProblems(parsed.error.issues)] };
  return { ok: true, topology: parsed.data, problems: ctx.problems };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
}

/** Node ids are one namespace; Compose keys are one per family, so a clash gets a suffix. */
class Ids {
  private readonly used = new Set<string>();
  claim(wanted: string, suffix = ''): string {
    let id = this.used.has(wanted) && suffix ? `${wanted}-${suffix}` : wanted;
    for (let n = 2; this.used.has(id); n++) id = `${wanted}${suffix ? `-${suffix}` : ''}-${n}`;
    this.used.add(id);
    return id;
  }
}

function declareResources(
  doc: RawMap,
  section: 'volumes' | 'networks',
  ids: Ids,
  nodes: Record<string, TopologyNode>,
  ctx: ImportContext,
): Map<string, string> {
  const out = new Map<string, string>();
  const raw = doc[section];
  if (raw === undefined || raw === null) return out;
  if (!isRecord(raw)) {
    ctx.invalid([section], `${section} must be a mapping.`);
    return out;
  }
  for (const [key, value] of Object.entries(raw)) {
    const map = isRecord(value) ? value : {};
    const ext = nodeExtension(map, [section, key], ctx);
    const id = ids.claim(ext.id ?? key, section === 'volumes' ? 'volume' : 'network');
    const node: VolumeNode | NetworkNode =
      section === 'volumes' ? importVolume(key, map, ctx) : importNetwork(key, map, ctx);
    nodes[id] = {
      ...node,
      ...(id !== key ? { name: key } : {}),
      ...(ext.description === undefined ? {} : { description: ext.description }),
    };
    out.set(key, id);
  }
  return out;
}

function implicitResource(
  kind: 'volume' | 'network',
  key: string,
  path: PathSegment[],
  ids: Ids,
  known: Map<string, string>,
  nodes: Record<string, TopologyNode>,
  ctx: ImportContext,
): string {
  const id = ids.claim(key, kind);
  nodes[id] = { kind, ...(id !== key ? { name: key } : {}) };
  known.set(key, id);
  // Compose creates the default network by itself; any other undeclared name is an error there.
  if (!(kind === 'network' && key === 'default')) {
    ctx.invalid(
      path,
      `${kind === 'volume' ? 'Volume' : 'Network'} "${key}" is used but not declared in the top-level ${kind}s; Compose would refuse this. A ${kind} node was created for it.`,
    );
  }
  return id;
}

function nodeExtension(raw: RawMap, path: PathSegment[], ctx: ImportContext): DockwrightNodeExtension {
  const value = raw[DOCKWRIGHT_EXTENSION];
  if (value === undefined) return {};
  const parsed = DockwrightNodeExtension.safeParse(value);
  if (parsed.success) {
    // Fields a newer Dockwright wrote are not understood here: say so rather than lose them quietly.
    if (isRecord(value)) {
      reportUnknownKeys(
        value,
        new Set(Object.keys(DockwrightNodeExtension.shape)),
        [...path, DOCKWRIGHT_EXTENSION],
        ctx,
        DOCKWRIGHT_EXTENSION,
      );
    }
    return parsed.data;
  }
  ctx.invalid(
    [...path, DOCKWRIGHT_EXTENSION],
    `${DOCKWRIGHT_EXTENSION} is malformed and was ignored: ${parsed.error.issues[0]?.message ?? ''}`,
  );
  return {};
}

function topExtension(doc: RawMap, ctx: ImportContext): DockwrightTopExtension {
  const value = doc[DOCKWRIGHT_EXTENSION];
  if (value === undefined) return {};
  const parsed = DockwrightTopExtension.safeParse(value);
  if (parsed.success) return parsed.data;
  ctx.invalid([DOCKWRIGHT_EXTENSION], `${DOCKWRIGHT_EXTENSION} is malformed and was ignored.`);
  return {};
}

/**
 * A service is a job when an earlier export said so, or when it does not restart and something
 * waits for it to complete successfully (Compose's one-shot pattern, e.g. migrations).
 */
function isJob(
  id: string,
  node: ServiceNode,
  ext: DockwrightNodeExtension,
  all: ReadonlyMap<string, ServiceNode>,
): boolean {
  if (ext.kind === 'job') return true;
  if (node.restart !== undefined && node.restart !== 'no') return false;
  for (const other of all.values()) {
    if (other.dependsOn?.some((d) => d.node === id && d.condition === 'completed')) return true;
  }
  return false;
}

function toJob(node: ServiceNode, key: string, ext: DockwrightNodeExtension, ctx: ImportContext): JobNode {
  const {
    kind: _kind,
    ports,
    expose,
    replicas,
    healthcheck,
    restart: _restart,
    recovery: _recovery,
    health: _health,
    ...rest
  } = node;
  const dropped = Object.entries({ ports, expose, replicas, healthcheck }).filter(([, v]) => v !== undefined);
  for (const [field] of dropped) {
    ctx.unsupported(
      ['services', key, field],
      `"${key}" runs to completion (a job), and jobs have no ${field}; it was not imported.`,
    );
  }
  return {
    kind: 'job',
    ...rest,
    ...(ext.retry ? { retry: ext.retry } : {}),
    ...(ext.timeout ? { timeout: ext.timeout } : {}),
    ...(ext.successExitCodes ? { successExitCodes: ext.successExitCodes } : {}),
    ...(ext.schedule !== undefined ? { schedule: ext.schedule } : {}),
  };
}

function fileSources(
  value: unknown,
  section: 'secrets' | 'configs',
  ctx: ImportContext,
): Record<string, FileSource> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, FileSource> = {};
  for (const [name, raw] of Object.entries(value)) {
    const map = isRecord(raw) ? raw : {};
    const path = [section, name];
    reportUnknownKeys(
      map,
      new Set(['name', 'file', 'environment', 'content', 'external', 'labels']),
      path,
      ctx,
      section === 'secrets' ? 'Secret' : 'Config',
    );
    const external = isRecord(map['external'])
      ? true
      : optionalBoolean(map['external'], [...path, 'external'], ctx);
    const entries = {
      dockerName:
        scalarText(map['name']) ??
        (isRecord(map['external']) ? scalarText(map['external']['name']) : undefined),
      file: scalarText(map['file']),
      environment: scalarText(map['environment']),
      content: scalarText(map['content']),
      external,
      labels: stringMap(map['labels'], [...path, 'labels'], ctx),
      extensions: extensionsOf(map),
    };
    out[name] = Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
  }
  return out;
}

/** Compose's default project name: the folder of the file, lowercased, invalid characters dropped. */
export function projectName(declared: string | undefined, fileName: string | undefined): string {
  const parts = (fileName ?? '').split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  const folder = parts.length > 1 ? parts[parts.length - 2] : parts[0]?.replace(/\.[^.]*$/, '');
  const candidate = (declared ?? folder ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[^a-z0-9]+/, '');
  return candidate === '' ? 'dockwright' : candidate;
}
