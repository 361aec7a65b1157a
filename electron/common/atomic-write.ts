import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_FILE_MODE } from './private-files';

/**
 * Writes a file so that readers (and a crash) see either the old bytes or the new ones, never a
 * torn mix: the data goes to a temporary file in the same folder (same file system, so the rename
 * is atomic), is flushed to disk, then renamed over the target. The file gets `mode` (by default
 * 0600: everything Dockwright rewrites lives in its private data directory), whatever the mode of
 * the file it replaces.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  mode: number = PRIVATE_FILE_MODE,
): Promise<void> {
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
