import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write';
import { ensurePrivateDir } from '../common/private-files';

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** What is kept beside a run's history (`<runId>.<kind>.json`), apart from its JSON lines. */
export type SidecarKind = 'request' | 'spans';

/** The suffixes of every file a run has under `runs/` (pruning removes them together). */
export const RUN_FILE_SUFFIXES = ['.jsonl', '.topology.json', '.request.json', '.spans.json'] as const;

/**
 * JSON files beside a run's history under `<dataDir>/runs/`, written atomically and readable by
 * the user only (as everything in the data directory).
 */
export class RunSidecars {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'runs');
  }

  private file(runId: string, kind: SidecarKind): string {
    if (!RUN_ID.test(runId)) throw new Error(`invalid run id ${runId}`);
    return path.join(this.dir, `${runId}.${kind}.json`);
  }

  async write(runId: string, kind: SidecarKind, value: unknown): Promise<void> {
    await ensurePrivateDir(this.dir);
    await writeFileAtomic(this.file(runId, kind), JSON.stringify(value));
  }

  /** The parsed JSON, or undefined when there is none (an older run) or it cannot be read. */
  async read(runId: string, kind: SidecarKind): Promise<unknown> {
    try {
      return JSON.parse(await readFile(this.file(runId, kind), 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  }
}
