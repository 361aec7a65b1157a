import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSettings, SETTINGS_FILE } from './settings';

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

describe('readSettings', () => {
  it('is the defaults when there is no file', async () => {
    expect(await readSettings(dataDir())).toEqual({ settings: {} });
  });

  it('reads the metrics port', async () => {
    expect(await readSettings(dataDir('{"metrics":{"port":9464}}'))).toEqual({
      settings: { metrics: { port: 9464 } },
    });
  });

  it('falls back to the defaults, saying why, on malformed JSON or bad values', async () => {
    const broken = await readSettings(dataDir('{"metrics":'));
    expect(broken.settings).toEqual({});
    expect(broken.warning).toMatch(/is not JSON/);
    const bad = await readSettings(dataDir('{"metrics":{"port":70000},"colour":"red"}'));
    expect(bad.settings).toEqual({});
    expect(bad.warning).toMatch(/metrics\.port/);
    expect(bad.warning).toMatch(/colour/);
  });
});
