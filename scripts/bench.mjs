#!/usr/bin/env node
// `npm run bench [NAME...]`: runs the benchmarks in bench/ (all, or those whose file name
// contains one of the NAMEs), each printing JSON lines of figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { benchTable } from './bench-table.mjs';

const root = path.resolve(import.meta.dirname, '..');
const filters = process.argv.slice(2);
const benches = readdirSync(path.join(root, 'bench'))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
let failed = 0;
const lines = [];
for (const file of benches) {
  process.stderr.write(`# ${file}\n`);
  // Its figures go to stdout as they come, and into the table at the end.
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'run-ts.mjs'), path.join('bench', file)],
    {
      cwd: root,
      stdio: ['inherit', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  process.stdout.write(result.stdout ?? '');
  lines.push(...(result.stdout ?? '').split('\n'));
  if (result.status !== 0) failed++;
}
const table = benchTable(lines);
if (table) process.stdout.write(`\n${table}\n`);
process.exit(failed > 0 ? 1 : 0);
