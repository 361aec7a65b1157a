import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import afterPack from './after-pack.mjs';
import { electronExecutable, FUSES, fuseConfig } from './electron-fuses.mjs';

// The fuse wire as Electron builds carry it: a sentinel, the wire version, its length, then one
// byte per fuse ('0' off, '1' on). Electron 45's default wire has nine fuses.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULT_WIRE = '101100011';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A stand-in for the packaged Linux binary: some bytes around a fuse wire. */
function fakeBinary(wire: string): { appOutDir: string; file: string } {
  dir = mkdtempSync(path.join(tmpdir(), 'dw-fuses-'));
  const file = path.join(dir, 'dockwright');
  const bytes = Buffer.concat([
    Buffer.alloc(1024, 0x7f),
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([1, wire.length]),
    Buffer.from(wire, 'latin1'),
    Buffer.alloc(1024, 0x7f),
  ]);
  writeFileSync(file, bytes);
  return { appOutDir: dir, file };
}

function wireOf(file: string): string {
  const bytes = readFileSync(file);
  const start = bytes.indexOf(SENTINEL) + SENTINEL.length;
  return bytes.subarray(start + 2, start + 2 + bytes[start + 1]!).toString('latin1');
}

const linuxContext = (appOutDir: string) => ({
  appOutDir,
  electronPlatformName: 'linux',
  packager: { appInfo: { productFilename: 'Dockwright' }, executableName: 'dockwright' },
});

describe('the Electron fuses of the packaged app', () => {
  it('turns off running as Node, NODE_OPTIONS and the inspector, and loads only a checked app.asar', () => {
    expect(FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('names every fuse @electron/fuses knows, at its index in the wire', () => {
    const known = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    expect(Object.keys(FUSES).sort()).toEqual(known.sort());
    const config = fuseConfig(FuseV1Options, FuseVersion, 'linux');
    expect(config.version).toBe(FuseVersion.V1);
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(config.resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig(FuseV1Options, FuseVersion, 'darwin').resetAdHocDarwinSignature).toBe(true);
  });

  it('afterPack flips the wire of the binary and leaves the fuse it cannot name at its default', async () => {
    const { appOutDir, file } = fakeBinary(ELECTRON_DEFAULT_WIRE);
    await afterPack(linuxContext(appOutDir));
    //                  RunAsNode, cookies, NODE_OPTIONS, inspect, asar check, only asar, snapshot, file://, wasm
    expect(wireOf(file)).toBe('010011001');
  });

  it('afterPack fails the build on a binary with a fuse nobody decided about', async () => {
    const { appOutDir } = fakeBinary(`${ELECTRON_DEFAULT_WIRE}1`);
    await expect(afterPack(linuxContext(appOutDir))).rejects.toThrow(/fuse 9 is not known/);
  });

  it('afterPack fails the build on a binary without a fuse wire', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-fuses-'));
    writeFileSync(path.join(dir, 'dockwright'), Buffer.alloc(4096, 0x7f));
    await expect(afterPack(linuxContext(dir))).rejects.toThrow(/sentinel/);
  });

  it('finds the binary that carries the wire on each platform', () => {
    const target = { appOutDir: '/out', productFilename: 'Dockwright', executableName: 'dockwright' };
    expect(electronExecutable({ ...target, electronPlatformName: 'linux' })).toBe('/out/dockwright');
    expect(electronExecutable({ ...target, electronPlatformName: 'win32' })).toBe('/out/Dockwright.exe');
    expect(electronExecutable({ ...target, electronPlatformName: 'darwin' })).toBe('/out/Dockwright.app');
  });
});
