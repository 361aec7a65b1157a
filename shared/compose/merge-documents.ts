import { isRaw, Merger, type MergeRule, type Raw } from '../topology/merge-values';

/*
 * Several Compose files as one (`-f a -f b`, an override file, `include`, `extends`), by the
 * Compose spec's merge rules: mappings merge key by key; `command`, `entrypoint` and
 * `healthcheck.test` are replaced; `environment`, `labels` and the like merge by key (the list
 * form read as a mapping); `depends_on` and `networks` merge by name; `ports`, `volumes`,
 * `devices`, `secrets`, `configs` and `env_file` merge by their unique key (an entry with the same
 * key is merged, others appended); `dns`, `expose`, `cap_add`... keep unique values; other
 * sequences append what the base lacks. Works on parsed YAML, before interpolation and import.
 */

const KEY_VALUE: MergeRule = { kind: 'key-value', separators: ['='] };
const REPLACE: MergeRule = { kind: 'replace' };
const UNIQUE: MergeRule = { kind: 'unique' };

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/** The container path of a volume: `src:/dst:ro`, `/dst`, `C:\src:/dst`, or `{target}`. */
export function volumeTarget(entry: unknown): string {
  if (isRaw(entry)) return text(entry['target'] ?? entry['source']);
  const parts = text(entry)
    .replace(/^[A-Za-z]:[\\/]/, '')
    .split(':');
  return (parts.length === 1 ? parts[0] : parts[1]) ?? '';
}

/** `host:container[:permissions]` is unique by the container path. */
function deviceTarget(entry: unknown): string {
  if (isRaw(entry)) return text(entry['target'] ?? entry['source']);
  const parts = text(entry).split(':');
  return (parts.length === 1 ? parts[0] : parts[1]) ?? '';
}

/** Secrets and configs are unique by where they are mounted (as compose-go's mountIndexer). */
function mountTarget(folder: string): (entry: unknown) => string {
  return (entry) => {
    if (isRaw(entry) && entry['target'] !== undefined) return text(entry['target']);
    return `${folder}/${text(isRaw(entry) ? entry['source'] : entry)}`;
  };
}

/** `[ip:][published:]target[/protocol]` or the long syntax, as one comparable key. */
export function portKey(entry: unknown): string {
  if (isRaw(entry)) {
    return [entry['host_ip'], entry['published'], entry['target'], entry['protocol'] ?? 'tcp']
      .map((v) => (v === undefined || v === null ? '' : text(v)))
      .join('|');
  }
  const [spec = '', protocol = 'tcp'] = text(entry).split('/');
  const bracket = /^\[([^\]]*)\]:(.*)$/.exec(spec);
  const parts = bracket ? [bracket[1] ?? '', ...(bracket[2] ?? '').split(':')] : spec.split(':');
  const target = parts.pop() ?? '';
  const published = parts.pop() ?? '';
  return [parts.join(':'), published, target, protocol].join('|');
}

function envFilePath(entry: unknown): string {
  return text(isRaw(entry) ? entry['path'] : entry);
}

/** Different drivers: the override's logging wins whole; the same driver: options merge. */
const LOGGING: MergeRule = {
  kind: 'custom',
  merge: (base, override, merge) => {
    const driver = (v: unknown) => (isRaw(v) ? v['driver'] : undefined);
    const differ =
      driver(base) !== undefined && driver(override) !== undefined && driver(base) !== driver(override);
    return differ ? override : merge(base, override);
  },
};

const SERVICE_RULES: ReadonlyArray<readonly [string, MergeRule]> = [
  ['build', { kind: 'normalize', to: (v) => (typeof v === 'string' ? { context: v } : v) }],
  ['build.args', KEY_VALUE],
  ['build.labels', KEY_VALUE],
  ['build.extra_hosts', { kind: 'key-value', separators: ['=', ':'] }],
  ['command', REPLACE],
  ['entrypoint', REPLACE],
  ['healthcheck.test', REPLACE],
  ['environment', KEY_VALUE],
  ['labels', KEY_VALUE],
  ['annotations', KEY_VALUE],
  ['sysctls', KEY_VALUE],
  ['deploy.labels', KEY_VALUE],
  ['extra_hosts', { kind: 'key-value', separators: ['=', ':'] }],
  ['depends_on', { kind: 'named', listEntry: { condition: 'service_started' } }],
  ['networks', { kind: 'named', listEntry: null }],
  ['networks.*.aliases', UNIQUE],
  ['networks.*.link_local_ips', UNIQUE],
  ['volumes', { kind: 'keyed', key: volumeTarget }],
  ['devices', { kind: 'keyed', key: deviceTarget }],
  ['secrets', { kind: 'keyed', key: mountTarget('/run/secrets') }],
  ['configs', { kind: 'keyed', key: mountTarget('') }],
  ['ports', { kind: 'keyed', key: portKey }],
  ['env_file', { kind: 'keyed', key: envFilePath }],
  ['logging', LOGGING],
  ...[
    'expose',
    'dns',
    'dns_search',
    'dns_opt',
    'cap_add',
    'cap_drop',
    'profiles',
    'tmpfs',
    'security_opt',
    'links',
    'external_links',
    'volumes_from',
    'group_add',
  ].map((field): readonly [string, MergeRule] => [field, UNIQUE]),
];

const TOP_RULES: ReadonlyArray<readonly [string, MergeRule]> = [
  ['networks.*.labels', KEY_VALUE],
  ['volumes.*.labels', KEY_VALUE],
  ['secrets.*.labels', KEY_VALUE],
  ['configs.*.labels', KEY_VALUE],
];

/** A service's merge, for `extends` (rules relative to the service). */
export const serviceMerger = new Merger(new Map(SERVICE_RULES));

const documentMerger = new Merger(
  new Map([...TOP_RULES, ...SERVICE_RULES.map(([p, r]): [string, MergeRule] => [`services.*.${p}`, r])]),
);

/** `override` merged onto `base` (two Compose files, the later one winning). Neither is changed. */
export function mergeComposeDocuments(base: Raw, override: Raw): Raw {
  const merged = documentMerger.merge(base, withServiceMaps(override));
  return isRaw(merged) ? merged : override;
}

/** Merges one service onto another, as `extends` does. */
export function mergeServices(base: Raw, override: Raw): Raw {
  const merged = serviceMerger.merge(base, override);
  return isRaw(merged) ? merged : override;
}

/** `services: {web: }` in an override means "no change", not "a service with nothing". */
function withServiceMaps(doc: Raw): Raw {
  const services = doc['services'];
  if (!isRaw(services)) return doc;
  const out: Raw = {};
  for (const [name, service] of Object.entries(services)) out[name] = service ?? {};
  return { ...doc, services: out };
}
