import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileHost } from '../../shared/compose/file-host';
import { formatBytes } from '../../shared/text/sizes';
import { DEFAULT_YAML_LIMITS } from '../../shared/topology/yaml-source';

/** The files of this machine, for loading several Compose or topology files (and their includes). */
export const nodeFileHost: FileHost = {
  read(file) {
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return { ok: false, reason: 'not a file' };
      if (stat.size > DEFAULT_YAML_LIMITS.maxBytes)
        return {
          ok: false,
          reason: `${formatBytes(stat.size)}; the limit is ${formatBytes(DEFAULT_YAML_LIMITS.maxBytes)}`,
        };
      return { ok: true, text: new TextDecoder().decode(readFileSync(file)) };
    } catch (error) {
      return { ok: false, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
    }
  },
  resolve: (dir, relative) => path.resolve(dir, relative),
  dirname: (file) => path.dirname(file),
  relative: (from, to) => path.relative(from, to),
  isAbsolute: (file) => path.isAbsolute(file),
};
