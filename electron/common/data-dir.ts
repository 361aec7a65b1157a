import os from 'node:os';
import path from 'node:path';

/** Where settings, run history and logs live when no `--data-dir` is given (as Electron's userData). */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Dockwright');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Dockwright');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Dockwright');
  }
}

/** The data directory a command uses: `--data-dir` (relative to the working folder) or the default. */
export function resolveDataDir(
  cwd: string,
  given: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return path.resolve(cwd, given ?? defaultDataDir(env));
}
