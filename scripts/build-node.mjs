#!/usr/bin/env node
// Bundles the Node side: the CLI (ESM), the Electron main process and the preload (CJS, as
// Electron's sandboxed preload needs a single self-contained file).
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/cli/bin.ts'],
    outfile: 'dist/cli/dockwright.mjs',
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
    packages: 'external',
    define: { 'import.meta.dirname': '__dirname' },
  }),
  build({
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    external: ['electron'],
    target: 'chrome140',
    platform: 'browser',
  }),
]);
