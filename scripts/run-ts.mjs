#!/usr/bin/env node
// Runs a TypeScript entry (a benchmark or a tool script) on plain Node: esbuild bundles it to a
// temporary ESM file with dependencies left external, then Node runs it with the given arguments.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-ts.mjs FILE.ts [ARGS...]\n');
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, '..');
const outDir = mkdtempSync(path.join(root, 'node_modules', '.run-ts-'));
const outfile = path.join(outDir, 'entry.mjs');
try {
  await build({
    entryPoints: [path.resolve(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  process.argv = [process.argv[0], path.resolve(entry), ...args];
  await import(pathToFileURL(outfile).href);
} finally {
  process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
}
