import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import { CliExit, ExitCode, type CliIo } from './io';

/** Compose's names, in its order of preference (compose-go's DefaultFileNames). */
export const COMPOSE_FILE_NAMES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
];
/** Applied on top of the file found, when the person named no file (DefaultOverrideFileNames). */
export const OVERRIDE_FILE_NAMES = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

/** `-f FILE`, repeatable: the files merged in order, later ones overriding earlier ones. */
export function fileOption(): Option {
  return new Option(
    '-f, --file <file>',
    'a topology or Compose file; repeat to merge several (later ones override earlier ones)',
  ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function firstExisting(dir: string, names: readonly string[], io: CliIo): string | undefined {
  const found = names.map((n) => path.join(dir, n)).filter((f) => existsSync(f) && !isDirectory(f));
  if (found.length > 1)
    io.stderr(
      `warning: found ${found.map((f) => path.basename(f)).join(', ')} in ${dir}; using ${path.basename(found[0] ?? '')}\n`,
    );
  return found[0];
}

/**
 * The files a command works on, as `docker compose` picks them: `FILE` and each `-f FILE` in order;
 * with neither (or a folder as FILE), the Compose file of the folder (without FILE: of the working
 * directory or the nearest parent that has one) and its override file, if there is one. A FILE
 * alone is like `-f FILE`: no override is added.
 */
export function chooseFiles(io: CliIo, file: string | undefined, flags: readonly string[] = []): string[] {
  const folder = file !== undefined && isDirectory(path.resolve(io.cwd, file)) ? file : undefined;
  if (flags.length > 0) {
    if (folder !== undefined)
      throw new CliExit(ExitCode.usage, `dockwright: ${folder} is a folder; with -f, FILE must be a file`);
    return file === undefined ? [...flags] : [file, ...flags];
  }
  if (file !== undefined && folder === undefined) return [file];
  let dir = path.resolve(io.cwd, folder ?? '.');
  for (;;) {
    const main = firstExisting(dir, COMPOSE_FILE_NAMES, io);
    if (main !== undefined) {
      const override = firstExisting(dir, OVERRIDE_FILE_NAMES, io);
      const shown = (f: string) => path.relative(io.cwd, f) || f;
      return override === undefined ? [shown(main)] : [shown(main), shown(override)];
    }
    const parent = path.dirname(dir);
    if (folder !== undefined || parent === dir) break;
    dir = parent;
  }
  throw new CliExit(
    ExitCode.usage,
    `dockwright: no ${COMPOSE_FILE_NAMES.join(', ')} in ${folder ?? 'this folder or its parents'}; give FILE or -f FILE`,
  );
}
