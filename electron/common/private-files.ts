import { mkdirSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';

/**
 * The data directory holds run history, logs, topologies and settings: the user's alone. Folders
 * Dockwright creates there are 0700 and files 0600 (the umask can only take more away). On Windows
 * the modes are ignored; the profile folder's ACLs apply.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates a folder (and its missing parents) readable by the user only; an existing one is left as it is. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

export function ensurePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Makes a folder that belongs to Dockwright alone private, also when someone else created it (the
 * desktop app's userData, made by Electron with the umask's mode).
 */
export async function makeDirPrivate(dir: string): Promise<void> {
  await ensurePrivateDir(dir);
  if (process.platform !== 'win32') await chmod(dir, PRIVATE_DIR_MODE);
}
