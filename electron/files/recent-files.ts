import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Logger } from '../common/logger';
import { writeFileAtomic } from '../common/atomic-write';

export const MAX_RECENT_FILES = 10;

const RecentFile = z.object({ version: z.literal(1), paths: z.array(z.string()) });

/**
 * The recent files list, most recent first, kept as a small JSON file. Updates are queued, so
 * two saves at once cannot lose each other's entry; a damaged file counts as an empty list.
 */
export class RecentFiles {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly logger?: Logger,
  ) {}

  /** Puts a path first (moving it up if it was there already). */
  touch(path: string): Promise<string[]> {
    return this.update((paths) => [path, ...paths.filter((p) => p !== path)]);
  }

  /** The list without the paths `keep` refuses; rewritten only when something was dropped. */
  async prune(keep: (path: string) => Promise<boolean>): Promise<string[]> {
    const current = await this.read();
    const kept: string[] = [];
    for (const path of current) if (await keep(path)) kept.push(path);
    if (kept.length === current.length) return kept;
    const gone = new Set(current.filter((p) => !kept.includes(p)));
    return this.update((paths) => paths.filter((p) => !gone.has(p)));
  }

  async read(): Promise<string[]> {
    await this.queue.catch(() => undefined);
    return this.load();
  }

  private update(change: (paths: string[]) => string[]): Promise<string[]> {
    const next = this.queue
      .catch(() => undefined)
      .then(async () => {
        const paths = change(await this.load()).slice(0, MAX_RECENT_FILES);
        await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, paths }, null, 2)}\n`);
        return paths;
      });
    this.queue = next;
    return next;
  }

  private async load(): Promise<string[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.logger?.warn({ err: error }, 'cannot read the recent files list');
      return [];
    }
    try {
      const parsed = RecentFile.safeParse(JSON.parse(text));
      if (parsed.success) return [...new Set(parsed.data.paths)].slice(0, MAX_RECENT_FILES);
    } catch {
      // Not JSON: handled below like any other damage.
    }
    this.logger?.warn({ file: this.file }, 'the recent files list is damaged; starting a new one');
    return [];
  }
}
