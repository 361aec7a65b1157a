import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write';

/**
 * When Dockwright last pulled each image, kept in the data directory: `pullPolicy: daily` and
 * `weekly` pull again only when the last pull is that old (Compose 2.x keeps the same record).
 */
export class PullRecord {
  private readonly file: string;
  private times: Record<string, number> | undefined;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'image-pulls.json');
  }

  private load(): Record<string, number> {
    if (this.times) return this.times;
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      this.times =
        parsed !== null && typeof parsed === 'object'
          ? Object.fromEntries(
              Object.entries(parsed).filter(
                (entry): entry is [string, number] => typeof entry[1] === 'number',
              ),
            )
          : {};
    } catch {
      // No record yet, or an unreadable one: every image counts as never pulled.
      this.times = {};
    }
    return this.times;
  }

  lastPulled(image: string): number | undefined {
    return this.load()[image];
  }

  async pulled(image: string, at = Date.now()): Promise<void> {
    const times = { ...this.load(), [image]: at };
    this.times = times;
    await writeFileAtomic(this.file, JSON.stringify(times, null, 2));
  }
}
