#!/usr/bin/env node
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = path.resolve(import.meta.dirname, '..', 'dist', 'cli', 'dockwright.mjs');
if (!existsSync(entry)) {
  process.stderr.write('dockwright is not built yet: run `npm run build` in the project folder first.\n');
  process.exit(1);
}
await import(pathToFileURL(entry).href);
