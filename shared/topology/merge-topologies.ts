import { isRaw, Merger, type MergeRule, type Raw } from './merge-values';

/*
 * Several Dockwright topology files as one, by the same rules as Compose files (merge-documents.ts
 * in shared/compose), on the topology's own field names: nodes merge by id and field by field;
 * `command`, `entrypoint` and `healthcheck.test` are replaced; `environment`, `labels` and the other
 * mappings merge by key; `dependsOn` merges by node, `networks` by network, `mounts` by target,
 * `ports` by (hostIp, published, target, protocol), secrets and configs grants by target; lists of
 * plain values keep unique values. A node whose `kind` changes is replaced whole. Layout positions
 * merge by node, groups by id. The files are migrated to the current apiVersion first.
 */

const REPLACE: MergeRule = { kind: 'replace' };
const UNIQUE: MergeRule = { kind: 'unique' };

function text(value: unknown): string {
  return value === undefined || value === null
    ? ''
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
}

const by =
  (...fields: string[]) =>
  (entry: unknown): string =>
    isRaw(entry) ? fields.map((f) => text(entry[f])).join('|') : text(entry);

const grantTarget =
  (folder: string) =>
  (entry: unknown): string =>
    isRaw(entry) && entry['target'] !== undefined
      ? text(entry['target'])
      : `${folder}/${isRaw(entry) ? text(entry['source']) : ''}`;

const NODE: MergeRule = {
  kind: 'custom',
  merge: (base, override, merge) =>
    isRaw(base) && isRaw(override) && override['kind'] !== undefined && override['kind'] !== base['kind']
      ? override
      : merge(base, override),
};

const NODE_RULES: ReadonlyArray<readonly [string, MergeRule]> = [
  ['command', REPLACE],
  ['entrypoint', REPLACE],
  ['healthcheck.test', REPLACE],
  ['dependsOn', { kind: 'keyed', key: by('node') }],
  ['networks', { kind: 'keyed', key: by('network') }],
  ['networks.[].aliases', UNIQUE],
  ['mounts', { kind: 'keyed', key: by('target') }],
  [
    'ports',
    {
      kind: 'keyed',
      key: (e) =>
        isRaw(e)
          ? [e['hostIp'], e['published'], e['target'], e['protocol'] ?? 'tcp'].map(text).join('|')
          : text(e),
    },
  ],
  ['secrets', { kind: 'keyed', key: grantTarget('/run/secrets') }],
  ['configs', { kind: 'keyed', key: grantTarget('') }],
  ['subnets', { kind: 'keyed', key: by('subnet') }],
  ['devices', { kind: 'keyed', key: (e) => text(e).split(':')[1] ?? text(e) }],
  ...['expose', 'envFiles', 'profiles', 'capAdd', 'capDrop', 'securityOpt', 'dns', 'extraHosts'].map(
    (field): readonly [string, MergeRule] => [field, UNIQUE],
  ),
];

const topologyMerger = new Merger(
  new Map<string, MergeRule>([
    ['spec.nodes.*', NODE],
    ...NODE_RULES.map(([p, r]): [string, MergeRule] => [`spec.nodes.*.${p}`, r]),
    ['layout.groups', { kind: 'keyed', key: by('id') }],
    ['layout.groups.[].nodes', UNIQUE],
    ['layout.viewport', REPLACE],
  ]),
);

/** `override` merged onto `base`, two topology documents of the same apiVersion. */
export function mergeTopologyDocuments(base: Raw, override: Raw): Raw {
  const merged = topologyMerger.merge(base, override);
  return isRaw(merged) ? merged : override;
}
