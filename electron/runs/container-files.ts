import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pack } from 'tar-stream';
import { resolvePlaceholders } from '../../shared/compose/env-placeholders';
import type { ContainerNode, FileGrant, FileSource, Topology } from '../../shared/topology';
import type { MountSpec } from '../docker/docker-client';
import { resolveHostPath } from './host-paths';

/** A file written into a container before it starts (secrets and configs that cannot be bound). */
export interface FileCopy {
  /** Absolute path inside the container. */
  readonly path: string;
  readonly content: Buffer;
  readonly uid: number;
  readonly gid: number;
  readonly mode: number;
}

export interface ContainerFiles {
  /** File sources mounted read-only, as Compose mounts them. */
  readonly binds: readonly MountSpec[];
  readonly copies: readonly FileCopy[];
  /** A digest of the copies' paths, owners, modes and contents: changed content recreates the container. */
  readonly digest?: string;
}

type Family = 'secrets' | 'configs';

/** Where Compose puts a grant: `/run/secrets/<name>` for secrets, `/<name>` for configs. */
export function grantTarget(family: Family, grant: FileGrant): string {
  const name = grant.target ?? grant.source;
  if (path.posix.isAbsolute(name)) return name;
  return family === 'secrets' ? path.posix.join('/run/secrets', name) : path.posix.join('/', name);
}

const DEFAULT_MODE = 0o444;

/**
 * The bytes of a secret or config, from its file, an environment variable or inline content (its
 * `${VAR}` placeholders resolved from whoever starts the run).
 */
export function sourceContent(
  name: string,
  source: FileSource,
  baseDir: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Buffer {
  if (source.file !== undefined) {
    const absolute = resolveHostPath(source.file, baseDir);
    if (absolute === undefined)
      throw new Error(`${name}: file ${source.file} is relative, and the topology has no folder`);
    return readFileSync(absolute);
  }
  if (source.environment !== undefined) {
    const value = env[source.environment];
    if (value === undefined) throw new Error(`${name}: variable ${source.environment} is not set`);
    return Buffer.from(value, 'utf8');
  }
  if (source.content !== undefined)
    return Buffer.from(resolvePlaceholders(source.content, env).value, 'utf8');
  throw new Error(`${name}: no file, environment or content to read`);
}

/**
 * How a container gets its secrets and configs. A file source without uid, gid or mode is bind
 * mounted read-only, exactly as Compose does; an environment or inline source, or a file with
 * an owner or mode (which a bind mount cannot change), is copied in before the container starts.
 */
export function planContainerFiles(
  node: ContainerNode,
  topology: Topology,
  baseDir: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ContainerFiles {
  const binds: MountSpec[] = [];
  const copies: FileCopy[] = [];
  for (const family of ['secrets', 'configs'] as const) {
    for (const grant of node[family] ?? []) {
      const source = topology.spec[family]?.[grant.source];
      if (!source) throw new Error(`${family} "${grant.source}" is not defined`);
      const target = grantTarget(family, grant);
      const owned = grant.uid !== undefined || grant.gid !== undefined || grant.mode !== undefined;
      if (source.file !== undefined && !owned) {
        const absolute = resolveHostPath(source.file, baseDir);
        if (absolute === undefined)
          throw new Error(`${grant.source}: file ${source.file} is relative, and the topology has no folder`);
        binds.push({ Type: 'bind', Source: absolute, Target: target, ReadOnly: true });
        continue;
      }
      copies.push({
        path: target,
        content: sourceContent(grant.source, source, baseDir, env),
        uid: Number(grant.uid ?? 0),
        gid: Number(grant.gid ?? 0),
        mode: grant.mode ?? DEFAULT_MODE,
      });
    }
  }
  if (copies.length === 0) return { binds, copies };
  const hash = createHash('sha256');
  for (const copy of copies) {
    hash.update(`${copy.path}\0${copy.uid}\0${copy.gid}\0${copy.mode}\0`);
    hash.update(createHash('sha256').update(copy.content).digest());
  }
  return { binds, copies, digest: hash.digest('hex').slice(0, 32) };
}

/**
 * A tar archive of the copies, to unpack at the container's root. Like Compose, it holds only the
 * files: the engine creates missing folders (0755) and leaves existing ones as they are.
 */
export async function filesArchive(copies: readonly FileCopy[]): Promise<Buffer> {
  const archive = pack();
  for (const copy of copies) {
    const parts = copy.path.split('/').filter(Boolean);
    archive.entry(
      {
        name: parts.join('/'),
        type: 'file',
        mode: copy.mode,
        uid: copy.uid,
        gid: copy.gid,
        size: copy.content.length,
      },
      copy.content,
    );
  }
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
