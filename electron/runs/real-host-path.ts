import { realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { resolveHostPath } from '../../shared/topology/host-paths';

export interface HostPathBase {
  /** The folder relative paths are resolved against (the topology file's); else the process's. */
  baseDir?: string | undefined;
  home?: string | undefined;
}

/** realpath() of the longest part of `absolute` that exists, with the rest appended. */
async function realPrefix(absolute: string): Promise<string> {
  const rest: string[] = [];
  for (let existing = absolute; ; existing = path.dirname(existing)) {
    try {
      return path.join(await realpath(existing), ...rest.reverse());
    } catch {
      if (existing === path.dirname(existing)) return absolute;
      rest.push(path.basename(existing));
    }
  }
}

/**
 * Where a bind source really leads on this machine: relative to the base folder, `~` to the home
 * folder, and through symbolic links where the path (or a leading part of it) exists. A path that
 * exists is resolved as the kernel does (`link/..` is the link target's parent); one that does
 * not is first normalized as text. Undefined when it cannot be placed (`~other`, `C:\`).
 */
export async function realHostPath(source: string, base: HostPathBase = {}): Promise<string | undefined> {
  const home = base.home ?? homedir();
  const baseDir = base.baseDir ?? process.cwd();
  const placed = resolveHostPath(source, { baseDir, home });
  if (placed === undefined || !placed.startsWith('/')) return placed;
  const expanded = source === '~' || source.startsWith('~/') ? `${home}${source.slice(1)}` : source;
  const raw = expanded.startsWith('/') ? expanded : `${baseDir}/${expanded}`;
  try {
    return await realpath(raw);
  } catch {
    return realPrefix(placed);
  }
}
