import { z } from 'zod';
import { RunTarget } from '../../shared/ipc/contract';
import { Topology } from '../../shared/topology';
import type { RunSidecars } from './run-sidecars';

/** What a rerun needs of the run it reruns: what was asked to run, and from where. */
export const KeptRequest = z.object({
  /** The topology as it ran (the active profiles' nodes), unmasked: a rerun runs exactly it. */
  topology: Topology,
  baseDir: z.string().optional(),
  target: RunTarget.optional(),
});
export type KeptRequest = z.infer<typeof KeptRequest>;

/**
 * The request of each run, beside its history (`<runId>.request.json`, 0600 in the private data
 * directory, like a saved topology): the topology is kept as written, secret values included,
 * because a rerun with masked values would run something else. Values taken from the environment
 * (`null`, `${VAR}`) are not in it; they are read again at the rerun.
 */
export class RunRequestStore {
  constructor(private readonly files: RunSidecars) {}

  write(runId: string, request: KeptRequest): Promise<void> {
    return this.files.write(runId, 'request', request);
  }

  async read(runId: string): Promise<KeptRequest | undefined> {
    const parsed = KeptRequest.safeParse(await this.files.read(runId, 'request'));
    return parsed.success ? parsed.data : undefined;
  }
}
