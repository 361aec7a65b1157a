import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LoadedDocument } from '../../shared/compose/load-document';
import { loadFiles } from '../../shared/compose/load-files';
import { parseDotEnv, type Environment } from '../../shared/compose/interpolate';
import { formatProblem, type Problem, type ProblemCode } from '../../shared/topology/problem';
import { DEFAULT_YAML_LIMITS } from '../../shared/topology/yaml-source';
import { formatBytes } from '../../shared/text/sizes';
import { chooseFiles } from './compose-files';
import { nodeFileHost } from './file-host';
import { CliExit, ExitCode, type CliIo } from './io';

/** Problems that mean the input could not be read as a document at all (exit 2, not 1). */
export const UNREADABLE: ReadonlySet<ProblemCode> = new Set([
  'INPUT_TOO_LARGE',
  'INPUT_BINARY',
  'INPUT_TOO_DEEP',
  'YAML_ALIAS_LIMIT',
  'DOCUMENT_UNKNOWN',
  'API_VERSION_NEWER',
  'API_VERSION_UNKNOWN',
]);

export interface Input {
  readonly file: string;
  readonly text: string;
  readonly env: Environment;
}

/** Reads a file for a command; anything that stops it being read ends with exit 2. */
export function readInput(io: CliIo, file: string): Input {
  const absolute = path.resolve(io.cwd, file);
  let text: string;
  try {
    const stat = statSync(absolute);
    if (!stat.isFile()) throw new CliExit(ExitCode.usage, `dockwright: ${file} is not a file`);
    if (stat.size > DEFAULT_YAML_LIMITS.maxBytes) {
      throw new CliExit(
        ExitCode.usage,
        `dockwright: ${file} is ${formatBytes(stat.size)}; the limit is ${formatBytes(DEFAULT_YAML_LIMITS.maxBytes)}`,
      );
    }
    text = new TextDecoder().decode(readFileSync(absolute));
  } catch (error) {
    if (error instanceof CliExit) throw error;
    throw new CliExit(
      ExitCode.usage,
      `dockwright: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return { file, text, env: composeEnvironment(io, absolute) };
}

/**
 * Compose's rule: variables from the shell win over the `.env` file beside the compose file. Used
 * for interpolation at load and, by `up`, as the run's environment (`${VAR}` placeholders).
 */
export function composeEnvironment(io: CliIo, absolute: string): Environment {
  return folderEnvironment(io, path.dirname(absolute));
}

/** The shell's variables over those of the `.env` in `folder` (Compose's rule, as above). */
export function folderEnvironment(io: CliIo, folder: string): Environment {
  const dotEnvPath = path.join(folder, '.env');
  let fromFile: Record<string, string> = {};
  if (existsSync(dotEnvPath)) {
    try {
      fromFile = parseDotEnv(readFileSync(dotEnvPath, 'utf8'));
    } catch {
      io.stderr(`warning: could not read ${dotEnvPath}; variables from it are not set\n`);
    }
  }
  return { ...fromFile, ...shellEnvironment(io) };
}

function shellEnvironment(io: CliIo): Environment {
  return Object.fromEntries(
    Object.entries(io.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/**
 * A rerun's environment, as `up` made the first run's: the shell's variables over the `.env` in
 * the folder of the kept topology (known when the run came from a file); the shell's alone when
 * the run kept no folder.
 */
export function rerunEnvironment(io: CliIo, baseDir: string | undefined): Environment {
  return baseDir === undefined ? shellEnvironment(io) : folderEnvironment(io, baseDir);
}

export type LoadedFiles = Extract<LoadedDocument, { ok: true }> & {
  /** The files loaded, in merge order, as the person named them (or as found). */
  readonly files: readonly string[];
};

/**
 * Loads the files of a command (FILE, `-f FILE`..., or the folder's Compose file and its override)
 * merged into one document. Problems go to `report`; a file that cannot be read ends with exit 2.
 */
export function loadFilesOrExit(
  io: CliIo,
  file: string | undefined,
  flags: readonly string[] | undefined,
  report: (problems: readonly Problem[]) => void,
): LoadedFiles {
  const files = chooseFiles(io, file, flags);
  // Read once here for the CLI's own refusals (missing, too large, a folder), with exit 2.
  const [first] = files.map((f) => readInput(io, f));
  const doc = loadFiles(
    files.map((f) => path.resolve(io.cwd, f)),
    {
      host: nodeFileHost,
      env: first?.env ?? {},
      name: (absolute) => path.relative(io.cwd, absolute) || absolute,
    },
  );
  if (doc.ok) return { ...doc, files };
  report(doc.problems);
  throw new CliExit(doc.problems.some((p) => UNREADABLE.has(p.code)) ? ExitCode.usage : ExitCode.failure);
}

/** Reads and loads the files of a command that needs its topology (`up`, `down`). */
export function loadFileOrExit(
  io: CliIo,
  file: string | undefined,
  flags: readonly string[] = [],
): LoadedFiles {
  return loadFilesOrExit(io, file, flags, (problems) => {
    for (const p of problems) io.stderr(`${formatProblem(p, file)}\n`);
  });
}
