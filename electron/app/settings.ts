import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppSettings, DEFAULT_SETTINGS } from '../../shared/ipc/desktop-contract';
import { writeFileAtomic } from '../common/atomic-write';
import { ensurePrivateDir } from '../common/private-files';
import { migrateSettings } from './settings-migrations';

export const SETTINGS_FILE = 'settings.json';

export interface ReadSettings {
  settings: AppSettings;
  /** What was wrong with the file, in words; the settings are then the defaults for those fields. */
  warnings: string[];
  /** The file was of an older version (or had bad fields) and should be written back. */
  rewrite: boolean;
  /** A newer app wrote it: never overwrite it unless the user changes a setting. */
  newer: boolean;
}

export function settingsFile(dataDir: string): string {
  return path.join(dataDir, SETTINGS_FILE);
}

/**
 * `<data dir>/settings.json`, migrated to the current version and validated field by field: a
 * missing file is the defaults; a bad field is its default plus a warning saying what was wrong,
 * so a typo never stops the app from starting and never loses the other settings.
 */
export async function readSettingsFile(dataDir: string): Promise<ReadSettings> {
  const file = settingsFile(dataDir);
  const defaults = (warning?: string, newer = false): ReadSettings => ({
    settings: DEFAULT_SETTINGS,
    warnings: warning ? [warning] : [],
    rewrite: false,
    newer,
  });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaults();
    return defaults(`${file} could not be read: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return defaults(`${file} is not JSON (${(error as Error).message}); using the defaults`);
  }
  const migrated = migrateSettings(raw);
  if (!migrated.ok) return defaults(`${file} ${migrated.message}; using the defaults`, migrated.newer);

  const warnings: string[] = [];
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const shape = AppSettings.shape;
  for (const key of Object.keys(migrated.value)) {
    if (!Object.hasOwn(shape, key)) warnings.push(`${file}: unknown setting "${key}" ignored`);
  }
  for (const [key, schema] of Object.entries(shape)) {
    if (!Object.hasOwn(migrated.value, key)) continue;
    const parsed = schema.safeParse(migrated.value[key]);
    if (parsed.success) settings[key] = parsed.data;
    else {
      const issues = parsed.error.issues
        .map((i) => `${[key, ...i.path.map(String)].join('.')}: ${i.message}`)
        .join('; ');
      warnings.push(`${file}: ${issues}; using the default`);
    }
  }
  return {
    settings: AppSettings.parse(settings),
    warnings,
    rewrite: migrated.from !== DEFAULT_SETTINGS.version,
    newer: false,
  };
}

/** Writes the settings atomically (a temporary file, then a rename), readable by the user only. */
export async function writeSettingsFile(dataDir: string, settings: AppSettings): Promise<void> {
  await ensurePrivateDir(dataDir);
  await writeFileAtomic(settingsFile(dataDir), `${JSON.stringify(AppSettings.parse(settings), null, 2)}\n`);
}
