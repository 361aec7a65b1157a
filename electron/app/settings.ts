import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * `<data dir>/settings.json`: what the user turned on. Read once at start. A missing file is the
 * defaults; a malformed one is the defaults plus a warning that says what is wrong, so a typo never
 * stops the app from starting.
 */
export const Settings = z.strictObject({
  metrics: z
    .strictObject({
      /** Serve `GET /metrics` on 127.0.0.1 at this port (the desktop app has no web server). */
      port: z.number().int().min(1).max(65535),
    })
    .optional(),
});
export type Settings = z.infer<typeof Settings>;

export const SETTINGS_FILE = 'settings.json';

export async function readSettings(dataDir: string): Promise<{ settings: Settings; warning?: string }> {
  const file = path.join(dataDir, SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: {} };
    return { settings: {}, warning: `${file} could not be read: ${(error as Error).message}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { settings: {}, warning: `${file} is not JSON (${(error as Error).message}); using the defaults` };
  }
  const parsed = Settings.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { settings: {}, warning: `${file}: ${issues}; using the defaults` };
  }
  return { settings: parsed.data };
}
