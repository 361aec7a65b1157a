import { realpathSync } from 'node:fs';
import path from 'node:path';

/** Whether `inner` is `outer` or inside it (both real paths, symbolic links resolved). */
export function isWithin(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Whether an existing build context lies inside the topology's folder, links resolved (a
 * context reached through a symbolic link to elsewhere is outside). Without a folder nothing is
 * inside it.
 */
export function contextInsideFolder(context: string, baseDir: string | undefined): boolean {
  if (baseDir === undefined) return false;
  try {
    return isWithin(realpathSync(baseDir), realpathSync(context));
  } catch {
    return false;
  }
}
