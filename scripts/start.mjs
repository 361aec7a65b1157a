#!/usr/bin/env node
// `npm start`: the desktop app when Electron's binary is there (or can be fetched), else the web
// mode, said in one line.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronPackageDir, findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(import.meta.dirname, '..');
let binary = findElectronBinary();
if (!binary && process.env.DOCKWRIGHT_NO_ELECTRON_DOWNLOAD === undefined) {
  const dir = electronPackageDir();
  if (dir) {
    spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
    binary = findElectronBinary();
  }
}

if (binary) {
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stderr.write(
    'Electron binary not available on this machine (it could not be downloaded); starting the web mode instead.\n',
  );
  process.argv = [process.argv[0], path.join(root, 'bin', 'dockwright.mjs'), 'web', ...process.argv.slice(2)];
  await import('../bin/dockwright.mjs');
}
