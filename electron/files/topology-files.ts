import type { Stats } from 'node:fs';
import { lstat, mkdir, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../shared/ipc/errors';
import type { Logger } from '../common/logger';
import { writeFileAtomic } from '../common/atomic-write';
import { ensurePrivateDir, PRIVATE_DIR_MODE } from '../common/private-files';
import { checkFilePath, isInside } from './file-path';
import { RecentFiles } from './recent-files';

/*
 * 4 MiB, not the 10 MiB the YAML reader accepts: a request is limited to 4 Mi characters by the
 * dispatcher, and a file that can be opened must also be savable again.
 */
export const MAX_TOPOLOGY_FILE_BYTES = 4 * 1024 * 1024;
/** A folder with more files than this is not a topology folder; the list stops there. */
const MAX_LISTED = 1000;
const MAX_LIST_DEPTH = 8;

export interface TopologyFileEntry {
  /** Relative to the topologies folder, `/`-separated: what `read` and `write` take. */
  path: string;
  name: string;
  sizeBytes: number;
  modifiedAt: string;
}

export interface TopologyFilesOptions {
  dataDir: string;
  logger?: Logger;
  maxBytes?: number;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Topology files in `<dataDir>/topologies/`, named by paths relative to that folder. Every path
 * is checked by its spelling (file-path.ts) and then on disk, through symbolic links, so nothing
 * outside the folder is ever read or written. Writes are atomic; reads and writes update the
 * recent files list (`<dataDir>/recent-files.json`).
 */
export class TopologyFiles {
  readonly folder: string;
  private readonly maxBytes: number;
  private readonly recentFiles: RecentFiles;

  constructor(options: TopologyFilesOptions) {
    this.folder = path.join(options.dataDir, 'topologies');
    this.maxBytes = options.maxBytes ?? MAX_TOPOLOGY_FILE_BYTES;
    this.recentFiles = new RecentFiles(path.join(options.dataDir, 'recent-files.json'), options.logger);
  }

  async list(): Promise<TopologyFileEntry[]> {
    const root = await this.root();
    const out: TopologyFileEntry[] = [];
    const visit = async (dir: string, prefix: string, depth: number): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true });
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        if (out.length >= MAX_LISTED || entry.name.startsWith('.')) continue;
        const rel = prefix + entry.name;
        const full = path.join(dir, entry.name);
        const real = entry.isSymbolicLink() ? await realpath(full).catch(() => undefined) : full;
        if (real === undefined || !isInside(root, real, path.sep)) continue;
        const info = await stat(real).catch(() => undefined);
        if (info?.isDirectory()) {
          if (depth + 1 < MAX_LIST_DEPTH && real !== root) await visit(real, `${rel}/`, depth + 1);
        } else if (info?.isFile() && this.isValidName(rel)) {
          out.push({
            path: rel,
            name: entry.name,
            sizeBytes: info.size,
            modifiedAt: info.mtime.toISOString(),
          });
        }
      }
    };
    await visit(root, '', 0);
    return out.sort((a, b) => a.path.localeCompare(b.path));
  }

  async read(file: string): Promise<{ path: string; content: string; modifiedAt: string }> {
    const { real, info } = await this.existing(file);
    this.checkSize(file, info.size);
    const bytes = await readFile(real);
    this.checkSize(file, bytes.byteLength);
    let content: string;
    try {
      content = fatalUtf8.decode(bytes);
    } catch {
      throw new ApiError('INVALID_INPUT', `"${file}" is not UTF-8 text.`, { path: file, reason: 'binary' });
    }
    await this.recentFiles.touch(file);
    return { path: file, content, modifiedAt: info.mtime.toISOString() };
  }

  async write(file: string, content: string): Promise<{ path: string; modifiedAt: string }> {
    const segments = checkFilePath(file);
    this.checkSize(file, Buffer.byteLength(content, 'utf8'));
    const root = await this.root();
    const parent = await this.ensureFolders(root, segments.slice(0, -1), file);
    const target = await this.writeTarget(root, path.join(parent, segments.at(-1)!), file);
    await writeFileAtomic(target, content);
    const info = await stat(target);
    await this.recentFiles.touch(file);
    return { path: file, modifiedAt: info.mtime.toISOString() };
  }

  /** Recent paths, most recent first; files that are gone (or no longer allowed) are dropped. */
  /** The folder a saved topology file sits in (its relative paths resolve against it). */
  async folderOf(file: string): Promise<string> {
    return path.dirname((await this.existing(file)).real);
  }

  recent(): Promise<string[]> {
    return this.recentFiles.prune(async (file) => {
      try {
        await this.existing(file);
        return true;
      } catch {
        return false;
      }
    });
  }

  private isValidName(file: string): boolean {
    try {
      checkFilePath(file);
      return true;
    } catch {
      return false;
    }
  }

  /** The folder's real path (created on first use), against which every target is checked. */
  private async root(): Promise<string> {
    await ensurePrivateDir(this.folder);
    return realpath(this.folder);
  }

  private checkSize(file: string, bytes: number): void {
    if (bytes > this.maxBytes) {
      const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
      throw new ApiError(
        'PAYLOAD_TOO_LARGE',
        `"${file}" is ${mb(bytes)}; the limit is ${mb(this.maxBytes)}.`,
        {
          path: file,
          limit: this.maxBytes,
        },
      );
    }
  }

  private escape(file: string): ApiError {
    return new ApiError('FORBIDDEN', `"${file}" leads outside the topologies folder (a symbolic link).`, {
      path: file,
      reason: 'outside',
    });
  }

  private async existing(file: string): Promise<{ real: string; info: Stats }> {
    const segments = checkFilePath(file);
    const root = await this.root();
    let real: string;
    try {
      real = await realpath(path.join(root, ...segments));
    } catch (error) {
      if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR')
        throw new ApiError('NOT_FOUND', `There is no file "${file}" in the topologies folder.`, {
          path: file,
        });
      throw error;
    }
    if (!isInside(root, real, path.sep)) throw this.escape(file);
    const info = await stat(real);
    if (!info.isFile())
      throw new ApiError('INVALID_INPUT', `"${file}" is not a file.`, { path: file, reason: 'not-a-file' });
    return { real, info };
  }

  /*
   * Folder by folder rather than `mkdir -p`: a recursive mkdir would follow a symbolic link to a
   * folder outside and create folders there before any check could refuse it.
   */
  private async ensureFolders(root: string, folders: readonly string[], file: string): Promise<string> {
    let current = root;
    for (const name of folders) {
      const next = path.join(current, name);
      const info = await lstat(next).catch((error: unknown) => {
        if (errnoCode(error) === 'ENOENT') return undefined;
        throw error;
      });
      if (info === undefined) {
        await mkdir(next, PRIVATE_DIR_MODE).catch((error: unknown) => {
          if (errnoCode(error) !== 'EEXIST') throw error;
        });
        current = await realpath(next);
      } else if (info.isSymbolicLink()) {
        current = await realpath(next);
      } else if (info.isDirectory()) {
        current = next;
      } else {
        throw new ApiError('INVALID_INPUT', `"${name}" in "${file}" is a file, not a folder.`, {
          path: file,
          reason: 'not-a-folder',
        });
      }
      if (!isInside(root, current, path.sep)) throw this.escape(file);
      if (!(await stat(current)).isDirectory())
        throw new ApiError('INVALID_INPUT', `"${name}" in "${file}" is not a folder.`, {
          path: file,
          reason: 'not-a-folder',
        });
    }
    return current;
  }

  /** Where to write: the file itself, or what a symbolic link inside the folder points at. */
  private async writeTarget(root: string, target: string, file: string): Promise<string> {
    const info = await lstat(target).catch(() => undefined);
    if (info === undefined) return target;
    let real = target;
    if (info.isSymbolicLink()) {
      real = await realpath(target).catch(() => {
        throw this.escape(file);
      });
      if (!isInside(root, real, path.sep)) throw this.escape(file);
    }
    if (!(await stat(real)).isFile())
      throw new ApiError('INVALID_INPUT', `"${file}" is not a file.`, { path: file, reason: 'not-a-file' });
    return real;
  }
}
