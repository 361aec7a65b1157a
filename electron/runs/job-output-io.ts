import type { ContainerNode, JobNode } from '../../shared/topology';
import type { JobOutputs } from '../../shared/ipc/contract';
import type { Containers } from '../docker/containers';
import { TaskError } from '../executor';
import {
  OUTPUT_LIMITS,
  OUTPUT_PATH,
  OUTPUT_VARIABLE,
  OutputError,
  emptyOutputArchive,
  outputSizeProblem,
  parseOutputs,
} from './job-outputs';

/**
 * A job whose root file system is read-only cannot have the output file put in it; it gets no
 * `DOCKWRIGHT_OUTPUT` and has no outputs.
 */
export function writesOutputs(node: ContainerNode): node is JobNode {
  return node.kind === 'job' && node.readOnly !== true;
}

/** The variable that tells a job where to write its outputs (part of its configuration). */
export function outputVariable(node: ContainerNode): Record<string, string> {
  return writesOutputs(node) ? { [OUTPUT_VARIABLE]: OUTPUT_PATH } : {};
}

/** An empty output file before each attempt: what an earlier run or attempt wrote is gone. */
export async function resetOutputs(containers: Containers, containerId: string): Promise<void> {
  await containers.copyIn(containerId, await emptyOutputArchive(), false);
}

/**
 * What the job wrote to its output file, read out of its stopped container. A file too large or
 * not in `KEY=VALUE` lines fails the job (fatal: running it again writes the same).
 */
export async function collectOutputs(
  containers: Containers,
  jobId: string,
  containerId: string,
): Promise<JobOutputs> {
  // The engine makes a tar archive (a process of its own, 0.1 s here) to hand out a file: a job that
  // left its output file empty, as most do, is told by the file's size alone.
  const stat = await containers.statFile(containerId, OUTPUT_PATH);
  if (stat === 'missing' || (stat?.regular && stat.size === 0)) return {};
  const file = await containers.readFile(containerId, OUTPUT_PATH, OUTPUT_LIMITS.bytes);
  if (!file) return {};
  const tooLarge = outputSizeProblem(jobId, file.size);
  if (tooLarge || !file.content)
    throw new TaskError('fatal', tooLarge ?? `the outputs of "${jobId}" could not be read`);
  try {
    return parseOutputs(jobId, file.content.toString('utf8'));
  } catch (error) {
    if (error instanceof OutputError) throw new TaskError('fatal', error.message);
    throw error;
  }
}
