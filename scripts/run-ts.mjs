#!/usr/bin/env node
// Runs a TypeScript entry (a benchmark or a tool script) on plain Node: esbuild bundles it to a
// temporary ESM file with dependencies left external, then Node runs it with the given arguments.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-ts.mjs FILE.ts [ARGS...]\n');
  process.exit(2);
}
// The bundle sits beside its entry, so `import.meta.dirname` in the entry means what it says.
const entryPath = path.resolve(entry);
const outfile = path.join(
  path.dirname(entryPath),
  `.${path.basename(entryPath, '.ts')}.run-${process.pid}.mjs`,
);
try {
  await build({
    entryPoints: [entryPath],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  process.argv = [process.argv[0], entryPath, ...args];
  await import(pathToFileURL(outfile).href);
} finally {
  process.on('exit', () => rmSync(outfile, { force: true }));
}
