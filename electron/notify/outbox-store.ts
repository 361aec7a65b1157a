import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write';
import { ensurePrivateDir } from '../common/private-files';
import type { OutboxMessage } from './notify-message';

const ID = /^[a-f0-9]{40}$/;

/**
 * The durable outbox: one file per message (`<dataDir>/notify/outbox/<id>.json`), written
 * atomically before the first attempt and after each failed one, removed once delivered. A
 * message that is on disk is sent again by whichever process starts next.
 */
export class OutboxStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'notify', 'outbox');
  }

  private file(id: string): string {
    if (!ID.test(id)) throw new Error(`invalid message id ${id}`);
    return path.join(this.dir, `${id}.json`);
  }

  async put(message: OutboxMessage): Promise<void> {
    await ensurePrivateDir(this.dir);
    await writeFileAtomic(this.file(message.id), JSON.stringify(message));
  }

  async has(id: string): Promise<boolean> {
    try {
      await readFile(this.file(id));
      return true;
    } catch {
      return false;
    }
  }

  async remove(id: string): Promise<void> {
    await rm(this.file(id), { force: true });
  }

  /** Every message on disk; files that cannot be read (a foreign file, a torn one) are skipped. */
  async all(): Promise<OutboxMessage[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const messages = await Promise.all(
      names
        .filter((name) => name.endsWith('.json') && ID.test(name.slice(0, -5)))
        .map(async (name) => {
          try {
            return JSON.parse(await readFile(path.join(this.dir, name), 'utf8')) as OutboxMessage;
          } catch {
            return undefined;
          }
        }),
    );
    return messages.filter((m): m is OutboxMessage => m !== undefined && typeof m.url === 'string');
  }
}
