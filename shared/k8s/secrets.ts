import type { ContainerNode, FileGrant, FileSource } from '../topology/model';
import { metadata, nodePath, type K8sContext } from './context';
import type { IConfigMap, ISecret } from './k8s-types';
import { dataKey } from './names';
import type { PodStorage } from './volumes';

/*
 * `spec.secrets` as Secrets, `spec.configs` as ConfigMaps, one key each (the entry's name). Inline
 * `content` is embedded. shared/ reads no files and no environment, so a `file` or `environment`
 * source becomes the object with a placeholder value, annotated with (and reported with) the
 * kubectl command that makes the real one; an `external` one is expected to exist.
 */

type Family = 'secrets' | 'configs';

export const PLACEHOLDER_ANNOTATION = 'dockwright.dev/create-with';

const KIND: Record<Family, 'Secret' | 'ConfigMap'> = { secrets: 'Secret', configs: 'ConfigMap' };

function names(ctx: K8sContext, family: Family): ReadonlyMap<string, string> {
  return family === 'secrets' ? ctx.names.secret : ctx.names.config;
}

function createCommand(family: Family, name: string, key: string, def: FileSource): string | undefined {
  const what = family === 'secrets' ? 'secret generic' : 'configmap';
  const apply = '--dry-run=client -o yaml | kubectl apply -f -';
  if (def.file !== undefined) return `kubectl create ${what} ${name} --from-file=${key}=${def.file} ${apply}`;
  if (def.environment !== undefined)
    return `kubectl create ${what} ${name} --from-literal=${key}="$${def.environment}" ${apply}`;
  return undefined;
}

export function fileSourceObjects(ctx: K8sContext, family: Family): (ISecret | IConfigMap)[] {
  const out: (ISecret | IConfigMap)[] = [];
  for (const [key, def] of Object.entries(ctx.topology.spec[family] ?? {})) {
    const name = names(ctx, family).get(key) ?? key;
    const object = `${KIND[family]}/${name}`;
    const field = ['spec', family, key];
    if (def.external === true) {
      ctx.note({
        code: 'EXTERNAL_OBJECT',
        level: 'info',
        field,
        message: `${KIND[family]} "${name}" is external: it is not exported, and the pods expect it to exist with the key "${dataKey(key)}".`,
      });
      continue;
    }
    const dataName = dataKey(key);
    const command = createCommand(family, name, dataName, def);
    let value = def.content ?? '';
    let annotations: Record<string, string> | undefined;
    if (def.content === undefined && command !== undefined) {
      value = `PLACEHOLDER: replace with ${def.file === undefined ? `the value of $${def.environment}` : `the contents of ${def.file}`} (${PLACEHOLDER_ANNOTATION})`;
      annotations = { [PLACEHOLDER_ANNOTATION]: command };
      ctx.note({
        code: 'SECRET_PLACEHOLDER',
        level: 'warning',
        field,
        object,
        message: `${KIND[family]} "${name}" comes from ${def.file === undefined ? `the environment variable ${def.environment}` : `the file ${def.file}`}, which the export does not read: it holds a placeholder. Create the real one with the command (after applying, or instead of the placeholder's file).`,
        command,
      });
    }
    const meta = metadata(ctx, name, annotations === undefined ? {} : { annotations });
    out.push(
      family === 'secrets'
        ? {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: meta,
            type: 'Opaque',
            stringData: { [dataName]: value },
          }
        : { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, data: { [dataName]: value } },
    );
  }
  return out;
}

/** Compose's default targets: `/run/secrets/<name>` for secrets, `/<name>` for configs. */
function target(family: Family, grant: FileGrant): string {
  const path = grant.target ?? grant.source;
  if (path.startsWith('/')) return path;
  return family === 'secrets' ? `/run/secrets/${path}` : `/${path}`;
}

/** A container's `secrets` and `configs` as volumes mounting the one key at its target path. */
export function addFileGrants(ctx: K8sContext, id: string, node: ContainerNode, storage: PodStorage): void {
  for (const family of ['secrets', 'configs'] as const) {
    node[family]?.forEach((grant, i) => {
      const name = names(ctx, family).get(grant.source);
      if (name === undefined) return;
      const key = dataKey(grant.source);
      const item = { key, path: key, ...(grant.mode === undefined ? {} : { mode: grant.mode }) };
      const volume = storage.volume(
        `${family}:${name}:${grant.mode ?? ''}`,
        `${family === 'secrets' ? 'secret' : 'config'}-${name}`,
        family === 'secrets'
          ? { secret: { secretName: name, items: [item] } }
          : { configMap: { name, items: [item] } },
      );
      storage.mount({ name: volume, mountPath: target(family, grant), subPath: key, readOnly: true });
      if (grant.uid !== undefined || grant.gid !== undefined) {
        ctx.note({
          code: 'FILE_OWNER',
          level: 'warning',
          nodeId: id,
          field: nodePath(id, family, i),
          message: `Kubernetes cannot give a mounted ${family === 'secrets' ? 'secret' : 'config'} an owner: uid/gid of "${grant.source}" are not exported (the pod's securityContext.fsGroup sets the group of every volume).`,
        });
      }
    });
  }
}
