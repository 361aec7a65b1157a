import { autoLayout, NODE_WIDTH, unplacedNodes } from './auto-layout';
import {
  isContainer,
  type ContainerNode,
  type FileGrant,
  type FileSource,
  type Topology,
  type TopologyNode,
} from './model';
import { rewriteReferences, uniqueNodeId, type Position } from './node-edits';

/*
 * File > Insert topology: another document's nodes join this one as a group, beside what is there.
 * Node ids that are taken get a suffix (`db` -> `db-2`), and every reference to them inside the
 * inserted nodes follows (dependsOn, networks, volume mounts, `networkMode: service:x`); secrets and
 * configs whose name is taken by a different definition are renamed the same way. Pure: the caller
 * shows the renames first, then applies the result as one edit.
 */

export interface Rename {
  readonly what: 'node' | 'secret' | 'config';
  readonly from: string;
  readonly to: string;
}

export interface InsertResult {
  readonly topology: Topology;
  readonly renames: readonly Rename[];
  /** The ids the inserted nodes have now, in the inserted document's order. */
  readonly ids: readonly string[];
  readonly groupId: string;
}

const GAP = 120;

function freeName(taken: ReadonlySet<string>, base: string): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/-\d+$/, '');
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** Inserted secrets or configs: an identical definition is shared, a different one renamed. */
function mergeSources(
  ours: Readonly<Record<string, FileSource>> | undefined,
  theirs: Readonly<Record<string, FileSource>> | undefined,
  what: 'secret' | 'config',
  renames: Rename[],
): { merged: Record<string, FileSource> | undefined; rename: Map<string, string> } {
  const rename = new Map<string, string>();
  if (theirs === undefined) return { merged: ours === undefined ? undefined : { ...ours }, rename };
  const merged: Record<string, FileSource> = { ...ours };
  for (const [name, source] of Object.entries(theirs)) {
    const existing = merged[name];
    if (existing !== undefined && JSON.stringify(existing) === JSON.stringify(source)) continue;
    const to = existing === undefined ? name : freeName(new Set(Object.keys(merged)), name);
    if (to !== name) {
      rename.set(name, to);
      renames.push({ what, from: name, to });
    }
    merged[to] = source;
  }
  return { merged, rename };
}

function renameGrants(
  grants: readonly FileGrant[] | undefined,
  rename: ReadonlyMap<string, string>,
  folder: string,
): FileGrant[] | undefined {
  return grants?.map((g) => {
    const to = rename.get(g.source);
    if (to === undefined) return g;
    // The file keeps its place in the container: the old default target is written out.
    return { ...g, source: to, target: g.target ?? `${folder}/${g.source}` };
  });
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'topology';

/** Where the inserted nodes go: their own layout (or an automatic one), right of everything here. */
function placeInserted(target: Topology, inserted: Topology): Record<string, Position> {
  const own = unplacedNodes(inserted).length === 0 ? (inserted.layout?.nodes ?? {}) : autoLayout(inserted);
  const here = Object.values(target.layout?.nodes ?? {});
  const right = here.length === 0 ? 0 : Math.max(...here.map((p) => p.x + (p.width ?? NODE_WIDTH))) + GAP;
  const theirs = Object.values(own);
  const left = theirs.length === 0 ? 0 : Math.min(...theirs.map((p) => p.x));
  const top = theirs.length === 0 ? 0 : Math.min(...theirs.map((p) => p.y));
  const topHere = here.length === 0 ? 0 : Math.min(...here.map((p) => p.y));
  const out: Record<string, Position> = {};
  for (const [id, p] of Object.entries(own)) out[id] = { x: p.x - left + right, y: p.y - top + topHere };
  return out;
}

export function insertTopology(
  target: Topology,
  inserted: Topology,
  label = inserted.metadata.name,
): InsertResult {
  const renames: Rename[] = [];
  const idMap = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of Object.keys(inserted.spec.nodes)) {
    const to = uniqueNodeId(target, id, taken);
    taken.add(to);
    idMap.set(id, to);
    if (to !== id) renames.push({ what: 'node', from: id, to });
  }
  const secrets = mergeSources(target.spec.secrets, inserted.spec.secrets, 'secret', renames);
  const configs = mergeSources(target.spec.configs, inserted.spec.configs, 'config', renames);

  const nodes: Record<string, TopologyNode> = { ...target.spec.nodes };
  for (const [id, node] of Object.entries(inserted.spec.nodes)) {
    let next: TopologyNode = node;
    if (isContainer(node)) {
      const moved: ContainerNode = rewriteReferences(node, (ref) => idMap.get(ref) ?? ref);
      const grants = {
        secrets: renameGrants(moved.secrets, secrets.rename, '/run/secrets'),
        configs: renameGrants(moved.configs, configs.rename, ''),
      };
      next = {
        ...moved,
        ...(grants.secrets ? { secrets: grants.secrets } : {}),
        ...(grants.configs ? { configs: grants.configs } : {}),
      };
    }
    nodes[idMap.get(id) ?? id] = next;
  }

  const placed = placeInserted(target, inserted);
  const positions = { ...target.layout?.nodes };
  for (const [id, p] of Object.entries(placed)) {
    const to = idMap.get(id) ?? id;
    positions[to] = { ...inserted.layout?.nodes?.[id], x: p.x, y: p.y };
  }
  const groups = [...(target.layout?.groups ?? [])];
  const groupIds = new Set(groups.map((g) => g.id));
  const newGroupId = (base: string) => {
    const id = freeName(groupIds, base);
    groupIds.add(id);
    return id;
  };
  const ids = Object.keys(inserted.spec.nodes).map((id) => idMap.get(id) ?? id);
  const groupId = newGroupId(`inserted-${slug(label)}`);
  groups.push({ id: groupId, label, nodes: ids });
  for (const group of inserted.layout?.groups ?? []) {
    groups.push({ ...group, id: newGroupId(group.id), nodes: group.nodes.map((n) => idMap.get(n) ?? n) });
  }

  const extensions = { ...inserted.spec.extensions, ...target.spec.extensions };
  const topology: Topology = {
    ...target,
    spec: {
      ...target.spec,
      nodes,
      ...(secrets.merged ? { secrets: secrets.merged } : {}),
      ...(configs.merged ? { configs: configs.merged } : {}),
      ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
    },
    layout: { ...target.layout, nodes: positions, groups },
  };
  return { topology, renames, ids, groupId };
}
