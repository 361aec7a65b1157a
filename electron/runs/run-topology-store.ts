import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Topology } from '../../shared/topology';
import { writeFileAtomic } from '../common/atomic-write';
import { ensurePrivateDir } from '../common/private-files';
import { processSecrets, type SecretValues } from '../common/secret-values';

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A run's topology and the folder its relative paths resolve against. */
export interface KeptTopology {
  topology: Topology;
  baseDir?: string;
}

/**
 * The topology each run ran, beside its history (`<dataDir>/runs/<runId>.topology.json`, written
 * atomically, known secret values masked): what a later session needs to watch and heal the
 * services of a run it adopts, and to know where the run's notifications go.
 */
export class RunTopologyStore {
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly secrets: SecretValues = processSecrets,
  ) {
    this.dir = path.join(dataDir, 'runs');
  }

  private file(runId: string): string {
    if (!RUN_ID.test(runId)) throw new Error(`invalid run id ${runId}`);
    return path.join(this.dir, `${runId}.topology.json`);
  }

  async write(runId: string, kept: KeptTopology): Promise<void> {
    await ensurePrivateDir(this.dir);
    await writeFileAtomic(this.file(runId), JSON.stringify(this.secrets.maskDeep(kept)));
  }

  /** The run's topology, or undefined when it was not kept (an older run) or cannot be read. */
  async read(runId: string): Promise<KeptTopology | undefined> {
    try {
      const raw = JSON.parse(await readFile(this.file(runId), 'utf8')) as {
        topology?: unknown;
        baseDir?: unknown;
      };
      const parsed = Topology.safeParse(raw.topology);
      if (!parsed.success) return undefined;
      return { topology: parsed.data, ...(typeof raw.baseDir === 'string' ? { baseDir: raw.baseDir } : {}) };
    } catch {
      return undefined;
    }
  }
}
