import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../common/atomic-write';
import { ensurePrivateDir } from '../common/private-files';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';

/** How long a key is remembered: a retry after a day is a new intent. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

const Entry = z.object({ runId: z.string(), requestHash: z.string(), at: z.iso.datetime() });
export type IdempotencyEntry = z.infer<typeof Entry>;

const StoreFile = z.object({ version: z.literal(1), entries: z.record(z.string(), Entry) });

export interface IdempotencyStoreOptions {
  /** The store's file, `<data dir>/idempotency.json`. */
  file: string;
  clock: Clock;
  logger: Logger;
  ttlMs?: number;
}

/**
 * Idempotency keys that outlive the process: key -> the run it started and the hash of the
 * request that started it. Entries older than the TTL are ignored and dropped at the next write.
 * The file is read on every lookup and merged before every write, so processes sharing a data
 * directory see each other's keys; a write is atomic (a reader sees the old file or the new one).
 */
export class IdempotencyStore {
  /** Keys this process wrote: kept even if the file could not be written. */
  private readonly own = new Map<string, IdempotencyEntry>();
  private writing: Promise<void> = Promise.resolve();
  private readonly ttlMs: number;

  constructor(private readonly options: IdempotencyStoreOptions) {
    this.ttlMs = options.ttlMs ?? IDEMPOTENCY_TTL_MS;
  }

  async get(key: string): Promise<IdempotencyEntry | undefined> {
    const entry = this.own.get(key) ?? (await this.read()).get(key);
    return entry && this.fresh(entry) ? entry : undefined;
  }

  /** Remembers the key; resolves when it is on disk (a failed write is logged, not thrown). */
  put(key: string, entry: IdempotencyEntry): Promise<void> {
    this.own.set(key, entry);
    const write = this.writing.then(() => this.write());
    this.writing = write;
    return write;
  }

  private fresh(entry: IdempotencyEntry): boolean {
    return this.options.clock.now() - Date.parse(entry.at) < this.ttlMs;
  }

  private async read(): Promise<Map<string, IdempotencyEntry>> {
    let text: string;
    try {
      text = await readFile(this.options.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.options.logger.warn({ err: error }, 'could not read the idempotency keys');
      return new Map();
    }
    try {
      return new Map(Object.entries(StoreFile.parse(JSON.parse(text)).entries));
    } catch (error) {
      this.options.logger.warn({ err: error }, 'the idempotency keys file is damaged; starting afresh');
      return new Map();
    }
  }

  private async write(): Promise<void> {
    try {
      const entries = await this.read();
      for (const [key, entry] of this.own) entries.set(key, entry);
      for (const [key, entry] of entries) if (!this.fresh(entry)) entries.delete(key);
      for (const [key, entry] of this.own) if (!this.fresh(entry)) this.own.delete(key);
      await ensurePrivateDir(path.dirname(this.options.file));
      await writeFileAtomic(
        this.options.file,
        JSON.stringify({ version: 1, entries: Object.fromEntries(entries) }, null, 2) + '\n',
      );
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not write the idempotency keys');
    }
  }
}
