import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportKubernetes, type K8sExportOptions } from '../../../shared/k8s';
import type { Topology } from '../../../shared/topology/model';
import { CliExit, ExitCode, type CliIo } from '../io';

/*
 * `dockwright export --format k8s`: the objects as one multi-document YAML stream (stdout or a
 * file), or one file per object in a folder when OUT ends with a slash or is an existing folder.
 * The folder is not emptied first: files of objects that no longer exist stay.
 */

export interface K8sCliOptions {
  readonly output?: string;
  readonly namespace?: string;
  readonly waitImage?: string;
}

function isFolder(io: CliIo, out: string): boolean {
  if (out.endsWith('/') || out.endsWith(path.sep)) return true;
  try {
    return statSync(path.resolve(io.cwd, out)).isDirectory();
  } catch {
    return false;
  }
}

function writeAtomically(target: string, text: string): void {
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, target);
}

export function exportK8sCommand(io: CliIo, topology: Topology, options: K8sCliOptions): void {
  const exportOptions: K8sExportOptions = {
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
    ...(options.waitImage === undefined ? {} : { waitImage: options.waitImage }),
  };
  const exported = exportKubernetes(topology, exportOptions);
  for (const item of exported.fidelity) {
    const where = item.object === undefined ? item.field : `${item.object}, ${item.field}`;
    io.stderr(`note: ${item.level} ${item.code}: ${item.message} (${where})\n`);
    if (item.command !== undefined) io.stderr(`  run: ${item.command}\n`);
  }
  const out = options.output;
  if (out === undefined) {
    io.stdout(exported.yaml);
    return;
  }
  try {
    if (isFolder(io, out)) {
      const folder = path.resolve(io.cwd, out);
      mkdirSync(folder, { recursive: true });
      for (const file of exported.files) writeAtomically(path.join(folder, file.name), file.yaml);
      io.stderr(`wrote ${exported.files.length} files to ${out}\n`);
    } else {
      writeAtomically(path.resolve(io.cwd, out), exported.yaml);
      io.stderr(`wrote ${out} (${exported.objects.length} objects)\n`);
    }
  } catch (error) {
    throw new CliExit(ExitCode.failure, `dockwright: cannot write ${out}: ${(error as Error).message}`);
  }
}
