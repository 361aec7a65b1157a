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

/**
 * Where project locks live: `DOCKWRIGHT_LOCK_DIR`, else `locks/` in the default data directory,
 * whatever `--data-dir` a process was given. The app, the web mode and the CLI of one user on one
 * machine then see the same locks, even when their data directories differ.
 */
export function defaultLockDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.DOCKWRIGHT_LOCK_DIR ?? path.join(defaultDataDir(env), 'locks');
}
