import { homedir } from 'node:os';
import path from 'node:path';

/**
 * A host path as Compose reads it: `~` and `~/x` are the home directory, a relative path is
 * relative to the topology's folder (`baseDir`), an absolute one is taken as it is. Undefined when
 * the path is relative and there is no folder to resolve it against.
 */
export function resolveHostPath(
  value: string,
  baseDir: string | undefined,
  home: string = homedir(),
): string | undefined {
  if (value === '~') return home;
  if (value.startsWith('~/')) return path.join(home, value.slice(2));
  if (path.isAbsolute(value)) return path.normalize(value);
  return baseDir === undefined ? undefined : path.resolve(baseDir, value);
}

/** Whether Compose would read `value` as a host path (not a named volume): `.`, `/`, `~`. */
export function isHostPath(value: string): boolean {
  return value.startsWith('.') || value.startsWith('/') || value.startsWith('~') || path.isAbsolute(value);
}
