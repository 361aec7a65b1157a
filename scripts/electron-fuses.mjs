// The fuses of the packaged app: feature switches compiled into the Electron binary, flipped at
// packaging by scripts/after-pack.mjs and checked after flipping. Tested in electron-fuses.test.ts.
import path from 'node:path';

/** Each fuse @electron/fuses knows (its FuseV1Options name) and the value the app ships with. */
export const FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the app's binary into a plain Node.js for anyone who sets it.
  RunAsNode: false,
  // Chromium's cookie store on disk, encrypted with the OS keychain like Chrome's.
  EnableCookieEncryption: true,
  // NODE_OPTIONS (`--require evil.js`) and NODE_EXTRA_CA_CERTS would inject code or trust.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect and SIGUSR1 would open a debugger port into the main process.
  EnableNodeCliInspectArguments: false,
  // app.asar is checked against the hash electron-builder embeds (macOS and Windows).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only app.asar is loaded: no `app/` folder dropped beside it, no default_app.asar.
  OnlyLoadAppFromAsar: true,
  // Electron's default; the app has no custom V8 snapshot.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // Pages come from app://, never file://, so file:// needs no privileges beyond a browser's.
  GrantFileProtocolExtraPrivileges: false,
});

/**
 * Fuses the binary may carry that @electron/fuses 1.x cannot name, left at Electron's default
 * (by wire index). WasmTrapHandlers (on) guards WebAssembly memory access. A binary with any
 * other unnamed fuse fails the check, so a new fuse is looked at before it ships.
 */
export const LEFT_AT_DEFAULT = Object.freeze({ 8: 'WasmTrapHandlers' });

const ENABLED = 49; // '1'
const DISABLED = 48; // '0'

/**
 * The config for `flipFuses`, given @electron/fuses' FuseV1Options and FuseVersion. The ad-hoc
 * signature of a macOS app is reset after flipping (else Apple silicon refuses to start it);
 * electron-builder signs properly afterwards when an identity is configured.
 */
export function fuseConfig(fuseOptions, fuseVersion, platform) {
  const config = {
    version: fuseVersion.V1,
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
  };
  for (const [name, value] of Object.entries(FUSES)) {
    const index = fuseOptions[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses does not know the fuse ${name}`);
    config[index] = value;
  }
  return config;
}

/**
 * What is wrong with a fuse wire read back from the binary (`getCurrentFuseWire`): a fuse not
 * at its value, or one this file does not know. Empty when all is well.
 */
export function fuseWireProblems(wire, fuseOptions) {
  const problems = [];
  const named = new Set();
  for (const [name, value] of Object.entries(FUSES)) {
    const index = fuseOptions[name];
    named.add(String(index));
    const expected = value ? ENABLED : DISABLED;
    if (wire[index] !== expected) {
      problems.push(`${name} is ${String(wire[index])}, expected ${expected} (${value ? 'on' : 'off'})`);
    }
  }
  for (const key of Object.keys(wire)) {
    if (key === 'version' || named.has(key) || key in LEFT_AT_DEFAULT) continue;
    problems.push(`fuse ${key} is not known here: decide its value in scripts/electron-fuses.mjs`);
  }
  return problems;
}

/** The file that carries the fuse wire, as @electron/fuses expects it, from an afterPack context. */
export function electronExecutable({ appOutDir, electronPlatformName, productFilename, executableName }) {
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${productFilename}.exe`);
    default:
      return path.join(appOutDir, executableName);
  }
}
