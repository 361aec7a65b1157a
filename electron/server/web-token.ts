import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write';
import { ensurePrivateDir } from '../common/private-files';

const TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

export function webTokenFile(dataDir: string): string {
  return path.join(dataDir, 'web-token');
}

/**
 * The web mode's token: kept in `<dataDir>/web-token` (readable by the user only), so a restart
 * of the server keeps the pages that are open signed in and they reconnect by themselves. `renew`
 * makes a new one (every page open then needs the newly printed URL).
 */
export async function webToken(dataDir: string, renew = false): Promise<string> {
  const file = webTokenFile(dataDir);
  if (!renew) {
    const kept = (await readFile(file, 'utf8').catch(() => '')).trim();
    if (TOKEN.test(kept)) return kept;
  }
  const token = randomBytes(24).toString('base64url');
  await ensurePrivateDir(dataDir);
  await writeFileAtomic(file, `${token}\n`);
  return token;
}
