import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../shared/ipc/errors';

type Env = Readonly<Record<string, string | undefined>>;

/*
 * Where the docker CLI keeps its configuration, read from the environment given (not only the
 * process's), so a test or a command can point HOME or DOCKER_CONFIG elsewhere.
 */

export function homeDir(env: Env): string {
  return env.HOME || env.USERPROFILE || os.homedir();
}

/** DOCKER_CONFIG, else `~/.docker`. */
export function dockerConfigDir(env: Env, home = homeDir(env)): string {
  return env.DOCKER_CONFIG || path.join(home, '.docker');
}

/**
 * The `currentContext` of `<config>/config.json` (what `docker context use` sets), if any. A
 * missing file is no context; an unreadable one is said plainly, as the docker CLI does.
 */
export function configuredContext(env: Env): string | undefined {
  const file = path.join(dockerConfigDir(env), 'config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ApiError('INVALID_INPUT', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  const current = (parsed as { currentContext?: unknown } | null)?.currentContext;
  return typeof current === 'string' && current !== '' ? current : undefined;
}
