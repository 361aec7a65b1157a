import { isContainer, type Topology } from '../../shared/topology';
import type { JobOutputs } from '../../shared/ipc/contract';
import { OUTPUT_PATH, OUTPUT_VARIABLE, outputPrefix } from '../../shared/topology/output-names';
import { filesArchive } from './container-files';

export { OUTPUT_PATH, OUTPUT_VARIABLE, outputPrefix };

/** A job's outputs are bounded: a file of at most 64 KiB, at most 256 keys. */
export const OUTPUT_LIMITS = { bytes: 64 * 1024, keys: 256 } as const;

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An output file a job wrote that cannot be used; the job fails with this message. */
export class OutputError extends Error {}

const kib = (bytes: number) => `${Math.round((bytes / 1024) * 10) / 10} KiB`;

/** When a file of `size` bytes is too large to read, why. */
export function outputSizeProblem(jobId: string, size: number): string | undefined {
  if (size <= OUTPUT_LIMITS.bytes) return undefined;
  return `the outputs of "${jobId}" (${OUTPUT_PATH}) are ${kib(size)}; at most ${kib(OUTPUT_LIMITS.bytes)} is read`;
}

/**
 * `KEY=VALUE` lines, as a job writes them to `$DOCKWRIGHT_OUTPUT`: blank lines and `#` comments
 * are skipped, a key is a shell variable name, the value is the rest of the line (`=` included),
 * and a later line wins over an earlier one with the same key. Throws OutputError otherwise.
 */
export function parseOutputs(jobId: string, text: string): JobOutputs {
  const outputs = new Map<string, string>();
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const equals = line.indexOf('=');
    const key = equals > 0 ? line.slice(0, equals) : '';
    if (!KEY.test(key)) {
      throw new OutputError(
        `line ${index + 1} of the outputs of "${jobId}" (${OUTPUT_PATH}) is not KEY=VALUE with KEY a variable name: ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
    outputs.set(key, line.slice(equals + 1));
  });
  if (outputs.size > OUTPUT_LIMITS.keys) {
    throw new OutputError(
      `the outputs of "${jobId}" (${OUTPUT_PATH}) have ${outputs.size} keys; at most ${OUTPUT_LIMITS.keys} are allowed`,
    );
  }
  return Object.fromEntries(outputs);
}

/**
 * The variables a node gets from the jobs it depends on (`dependsOn`, directly): each output
 * `KEY` of job `extract` as `EXTRACT_KEY`. Dependencies are taken in the order declared; a later
 * one wins a name they share.
 */
export function outputVariables(
  topology: Topology,
  nodeId: string,
  outputsOf: (jobId: string) => JobOutputs | undefined,
): Record<string, string> {
  const node = topology.spec.nodes[nodeId];
  if (!node || !isContainer(node)) return {};
  const vars: Record<string, string> = {};
  for (const dep of node.dependsOn ?? []) {
    if (topology.spec.nodes[dep.node]?.kind !== 'job') continue;
    const prefix = outputPrefix(dep.node);
    for (const [key, value] of Object.entries(outputsOf(dep.node) ?? {})) vars[`${prefix}_${key}`] = value;
  }
  return vars;
}

let emptyArchive: Promise<Buffer> | undefined;

/** An empty output file anyone in the container may write (0666), put in place before each attempt. */
export function emptyOutputArchive(): Promise<Buffer> {
  emptyArchive ??= filesArchive([
    { path: OUTPUT_PATH, content: Buffer.alloc(0), uid: 0, gid: 0, mode: 0o666 },
  ]);
  return emptyArchive;
}
