import path from 'node:path';
import { runCli } from './program';
import type { CliIo } from './io';

// Entry point of the `dockwright` command (bundled to dist/cli/dockwright.mjs).
const io: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
  env: process.env,
};

const untilStopped = () =>
  new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });

const staticDir = path.resolve(import.meta.dirname, '..', 'renderer');
const code = await runCli(process.argv.slice(2), io, { staticDir, untilStopped });
process.exitCode = code;
