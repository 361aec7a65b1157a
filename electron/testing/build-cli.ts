import { spawnSync } from 'node:child_process';
import path from 'node:path';

// Runs once before a Node test project: tests that start the CLI as a process (`npm start`
// without Electron, crash recovery) get a fresh bundle, so no test needs `npm run build` first.
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-node.mjs'), '--cli-only'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`building the CLI bundle failed:\n${result.stderr}`);
}
