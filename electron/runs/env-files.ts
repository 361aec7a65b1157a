import { readFileSync } from 'node:fs';
import { parseDotEnv } from '../../shared/compose/interpolate';
import { resolveHostPath } from './host-paths';

/**
 * A node's `envFiles`, read in order (a later file wins), as Compose reads `env_file`: paths
 * relative to the topology's folder. The node's own `environment` wins over all of them; that is
 * the caller's part. Throws with the path when a file cannot be read (the preflight names missing
 * files before a run starts).
 */
export function readEnvFiles(files: readonly string[], baseDir: string | undefined): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const file of files) {
    const absolute = resolveHostPath(file, baseDir);
    if (absolute === undefined)
      throw new Error(`env file ${file} is relative, and the topology has no folder`);
    Object.assign(merged, parseDotEnv(readFileSync(absolute, 'utf8')));
  }
  return merged;
}
