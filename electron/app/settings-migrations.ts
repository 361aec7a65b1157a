import { SETTINGS_VERSION } from '../../shared/ipc/desktop-contract';

/*
 * settings.json by version. A file without `version` is version 0: what the app read before the
 * settings screen existed (`{ "metrics": { "port": 9464 } }`). Each step takes the previous
 * version's object to the next one; unknown keys are left for validation to report.
 */

type Json = Record<string, unknown>;

const STEPS: Record<number, (value: Json) => Json> = {
  // 0 -> 1: version added; metrics stays as it was (absent now means null: off).
  0: (value) => ({ ...value, version: 1, metrics: value.metrics ?? null }),
};

export type Migrated =
  { ok: true; value: Json; from: number } | { ok: false; message: string; newer?: boolean };

export function migrateSettings(raw: unknown): Migrated {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, message: 'is not a JSON object' };
  }
  let value = raw as Json;
  const declared = value.version ?? 0;
  if (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 0) {
    return { ok: false, message: `has a version that is not a whole number (${JSON.stringify(declared)})` };
  }
  if (declared > SETTINGS_VERSION) {
    return {
      ok: false,
      newer: true,
      message: `is version ${declared}, written by a newer Dockwright (this one reads up to ${SETTINGS_VERSION})`,
    };
  }
  for (let version = declared; version < SETTINGS_VERSION; version++) {
    const step = STEPS[version];
    if (!step) return { ok: false, message: `has version ${version}, which has no migration` };
    value = step(value);
  }
  return { ok: true, value, from: declared };
}
