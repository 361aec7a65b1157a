import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildIcons, ICON_SIZES } from './build-icons.mjs';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>;

/*
 * Packaging, as far as it goes without the Electron binary: electron-builder's configuration
 * checked offline against the JSON Schema that electron-builder itself ships
 * (app-builder-lib/scheme.json), and the icons generated. Building the installers needs the
 * binary (`npm run dist` where it can be fetched); here the test stops at the configuration.
 */
describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has the icons, the desktop entry, the file association, and no auto-update', () => {
    const linux = config.linux as {
      icon: string;
      category: string;
      desktop: { entry: Record<string, string> };
    };
    expect(linux.icon).toBe('build/icons/png');
    expect(linux.desktop.entry.Categories).toMatch(/^Development;/);
    expect((config.mac as { icon: string }).icon).toBe('build/icons/icon.icns');
    expect((config.win as { icon: string }).icon).toBe('build/icons/icon.ico');
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'yaml', name: 'Dockwright topology', rank: 'Alternate' }),
    ]);
    expect(config.publish).toBeNull();
  });
});

describe('the app icon', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'dockwright-icons-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is generated from assets/icon.svg at every size, as .icns and as .ico', () => {
    const files = buildIcons(root, out);
    for (const size of ICON_SIZES) expect(files).toContain(path.join('png', `${size}x${size}.png`));
    const png = readFileSync(path.join(out, 'png', '256x256.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(256); // IHDR width
    expect(readFileSync(path.join(out, 'icon.icns')).subarray(0, 4).toString()).toBe('icns');
    const ico = readFileSync(path.join(out, 'icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1); // type: icon
    expect(ico.readUInt16LE(4)).toBeGreaterThan(1); // several sizes
    expect(existsSync(path.join(out, 'icon.png'))).toBe(true);
  });
});
