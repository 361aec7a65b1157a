import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, readFile, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ignore, { type Ignore } from '@balena/dockerignore';
import { pack, type Pack } from 'tar-stream';

export interface BuildContextOptions {
  /** The Dockerfile's path in the context: sent even when `.dockerignore` excludes it, as Docker does. */
  readonly dockerfile?: string;
  /** What was left out and why (a link leading outside the context), for the build's log. */
  readonly onWarning: (text: string) => void;
}

interface Entry {
  /** `/`-separated, relative to the context. */
  readonly name: string;
  readonly absolute: string;
  readonly stats: Stats;
}

const isWithin = (outer: string, inner: string): boolean => {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** The context's `.dockerignore` (a regular file only: a link to elsewhere is not read). */
async function readIgnore(root: string): Promise<{ rules: Ignore; negations: boolean } | undefined> {
  const file = path.join(root, '.dockerignore');
  const stats = await lstat(file).catch(() => undefined);
  if (!stats?.isFile()) return undefined;
  const text = await readFile(file, 'utf8');
  return {
    rules: ignore({ ignorecase: false }).add(text),
    negations: text.split(/\r?\n/).some((line) => line.trim().startsWith('!')),
  };
}

/**
 * Every entry of the context, never following a link, without what `.dockerignore` excludes. An
 * excluded folder is skipped whole unless a `!` rule could bring something inside it back.
 */
async function walk(root: string, options: BuildContextOptions): Promise<Entry[]> {
  const rules = await readIgnore(root);
  const dockerfile = path.posix.normalize((options.dockerfile ?? 'Dockerfile').replaceAll('\\', '/'));
  const always = new Set([dockerfile, '.dockerignore']);
  const entries: Entry[] = [];
  const visit = async (dir: string, prefix: string): Promise<void> => {
    for (const dirent of await readdir(dir, { withFileTypes: true })) {
      const name = prefix ? `${prefix}/${dirent.name}` : dirent.name;
      const absolute = path.join(dir, dirent.name);
      const stats = await lstat(absolute);
      const ignored = rules?.rules.ignores(name) === true && !always.has(name);
      if (stats.isDirectory()) {
        if (ignored && !rules?.negations) continue;
        if (!ignored) entries.push({ name, absolute, stats });
        await visit(absolute, name);
      } else if (!ignored) {
        entries.push({ name, absolute, stats });
      }
    }
  };
  await visit(root, '');
  return entries;
}

/**
 * What of the walk is sent: folders, regular files, and links that stay inside the context (as
 * links). A link leading outside, a hard link whose other names are outside (its inode has more
 * links than the context holds), and sockets, pipes and devices are left out with a warning.
 */
async function sendable(
  root: string,
  entries: readonly Entry[],
  options: BuildContextOptions,
): Promise<Entry[]> {
  const namesInside = new Map<string, number>();
  const inode = (stats: Stats) => `${stats.dev}:${stats.ino}`;
  for (const entry of entries)
    if (entry.stats.isFile())
      namesInside.set(inode(entry.stats), (namesInside.get(inode(entry.stats)) ?? 0) + 1);
  const out: Entry[] = [];
  for (const entry of entries) {
    const { stats, name } = entry;
    if (stats.isDirectory()) out.push(entry);
    else if (stats.isFile()) {
      if (stats.nlink > (namesInside.get(inode(stats)) ?? 0))
        options.onWarning(`not sent: ${name} is a hard link to a file outside the build context`);
      else out.push(entry);
    } else if (stats.isSymbolicLink()) {
      const target = await realpath(entry.absolute).catch(async () =>
        // A dangling link: judged by where it points.
        path.resolve(path.dirname(entry.absolute), await readlink(entry.absolute)),
      );
      if (isWithin(root, target)) out.push(entry);
      else options.onWarning(`not sent: ${name} is a symbolic link to ${target}, outside the build context`);
    } else options.onWarning(`not sent: ${name} is not a file, a folder or a link`);
  }
  return out;
}

/** Adds one entry to the archive; a file is read through a handle that never follows a link. */
async function add(archive: Pack, entry: Entry): Promise<void> {
  const common = {
    name: entry.name,
    mode: entry.stats.mode & 0o7777,
    mtime: entry.stats.mtime,
    uid: 0,
    gid: 0,
  };
  if (entry.stats.isDirectory()) {
    archive.entry({ ...common, type: 'directory' });
    return;
  }
  if (entry.stats.isSymbolicLink()) {
    archive.entry({ ...common, type: 'symlink', linkname: await readlink(entry.absolute) });
    return;
  }
  const handle = await open(entry.absolute, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    // What is read is what was opened: a file swapped for a link since the walk fails here.
    const stats = await handle.stat();
    if (!stats.isFile()) throw new Error(`${entry.name} changed while the context was read`);
    if (stats.size === 0) {
      archive.entry({ ...common, type: 'file', size: 0 }, Buffer.alloc(0));
      return;
    }
    const sink = archive.entry({ ...common, type: 'file', size: stats.size });
    await pipeline(handle.createReadStream({ autoClose: false, start: 0, end: stats.size - 1 }), sink);
  } finally {
    await handle.close();
  }
}

/**
 * The build context as the tar stream the engine gets: the folder's files as `.dockerignore`
 * says (with Docker's rules, `@balena/dockerignore`), links never followed, nothing from outside
 * the folder. Owners are root, as the Docker CLI sends them.
 */
export async function packBuildContext(contextDir: string, options: BuildContextOptions): Promise<Readable> {
  const root = await realpath(contextDir);
  const entries = await sendable(root, await walk(root, options), options);
  const archive = pack();
  void (async () => {
    for (const entry of entries) await add(archive, entry);
    archive.finalize();
  })().catch((error: unknown) => archive.destroy(error instanceof Error ? error : new Error(String(error))));
  // tar-stream's archive is a streamx stream: the engine's request wants a Node one.
  return Readable.from(archive, { objectMode: false });
}
