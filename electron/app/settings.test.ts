import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/ipc/desktop-contract';
import { readSettingsFile, SETTINGS_FILE, writeSettingsFile } from './settings';
import { migrateSettings } from './settings-migrations';

const dirs: string[] = [];
function dataDir(content?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dockwright-settings-'));
  dirs.push(dir);
  if (content !== undefined) writeFileSync(path.join(dir, SETTINGS_FILE), content);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('readSettingsFile', () => {
  it('is the defaults when there is no file', async () => {
    expect(await readSettingsFile(dataDir())).toEqual({
      settings: DEFAULT_SETTINGS,
      warnings: [],
      rewrite: false,
      newer: false,
    });
  });

  it('migrates a version 0 file (the metrics port alone) to version 1, to be written back', async () => {
    const read = await readSettingsFile(dataDir('{"metrics":{"port":9464}}'));
    expect(read.settings).toEqual({ ...DEFAULT_SETTINGS, metrics: { port: 9464 } });
    expect(read.rewrite).toBe(true);
    expect(read.warnings).toEqual([]);
  });

  it('keeps the good fields and defaults the bad ones, saying which', async () => {
    const read = await readSettingsFile(
      dataDir('{"version":1,"theme":"blue","logBufferLines":5000,"metrics":{"port":70000},"colour":"red"}'),
    );
    expect(read.settings.logBufferLines).toBe(5000);
    expect(read.settings.theme).toBe('system');
    expect(read.settings.metrics).toBeNull();
    expect(read.warnings.join('\n')).toMatch(/theme/);
    expect(read.warnings.join('\n')).toMatch(/metrics\.port/);
    expect(read.warnings.join('\n')).toMatch(/unknown setting "colour"/);
  });

  it('falls back to the defaults on malformed JSON and on a newer version, and says so', async () => {
    const broken = await readSettingsFile(dataDir('{"metrics":'));
    expect(broken.settings).toEqual(DEFAULT_SETTINGS);
    expect(broken.warnings[0]).toMatch(/is not JSON/);
    const newer = await readSettingsFile(dataDir('{"version":7}'));
    expect(newer.settings).toEqual(DEFAULT_SETTINGS);
    expect(newer.newer).toBe(true);
    expect(newer.warnings[0]).toMatch(/newer Dockwright/);
  });

  it('writes atomically, private to the user, and reads back what it wrote', async () => {
    const dir = dataDir();
    const settings = { ...DEFAULT_SETTINGS, theme: 'dark' as const, welcomeDismissed: true };
    await writeSettingsFile(dir, settings);
    const file = path.join(dir, SETTINGS_FILE);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(settings);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await readSettingsFile(dir)).settings).toEqual(settings);
  });
});

describe('migrateSettings', () => {
  it('refuses what is not an object or has a bad version', () => {
    expect(migrateSettings([])).toMatchObject({ ok: false });
    expect(migrateSettings({ version: 'one' })).toMatchObject({ ok: false });
  });
});
