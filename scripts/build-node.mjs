#!/usr/bin/env node
// Bundles the Node side: the CLI (ESM), the Electron main process and the preload (CJS, as
// Electron's sandboxed preload needs a single self-contained file).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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

/**
 * Packages the CLI loads from node_modules: native parts, worker threads, or the web mode's. The
 * rest (OpenTelemetry, prom-client, cockatiel, proper-lockfile, tar-stream) is bundled into the
 * chunk of the command that needs it: loaded from node_modules, their CommonJS files were each
 * found, read, scanned for exports and compiled one by one (0.1 s of every `up` and `down`).
 */
const CLI_RUNTIME_PACKAGES = [
  // dockerode is bundled (see lazyDockerodeSession); gRPC's code stays a package, loaded only
  // by a BuildKit session, which Dockwright does not open.
  '@grpc/*',
  // ssh2's native part is optional (its install script does not run): loaded, not bundled.
  'ssh2',
  'pino',
  'ws',
  'sirv',
  'electron',
];

/**
 * dockerode loads its BuildKit session code (gRPC and protobufjs, over a hundred files, 0.1-0.2 s)
 * when it is loaded, for builds that ask for a session. The CLI bundles dockerode with that
 * require deferred to the first call, so `up` does not pay for it.
 */
const LAZY_REQUIRES = [
  // dockerode's BuildKit session: gRPC and protobufjs.
  { file: /[\\/]dockerode[\\/]lib[\\/]docker\.js$/, name: 'withSession', module: './session' },
  // docker-modem's own SSH agent (Dockwright brings its own): ssh2.
  { file: /[\\/]docker-modem[\\/]lib[\\/]modem\.js$/, name: 'ssh', module: './ssh' },
];
const lazyDockerodeSession = {
  name: 'lazy-dockerode-requires',
  setup(builder) {
    for (const { file, name, module } of LAZY_REQUIRES) {
      builder.onLoad({ filter: file }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        const eager = `${name} = require('${module}'),`;
        if (!text.includes(eager))
          throw new Error(`${args.path}: the package changed, "${eager}" is not there any more`);
        const lazy = text.replace(
          eager,
          `${name} = function () { return require('${module}').apply(this, arguments); },`,
        );
        return { contents: lazy, loader: 'js' };
      });
    }
  },
};

const cliOnly = process.argv.includes('--cli-only');
// Chunk names carry a hash: without a clean slate, every build would leave the last one's chunks
// beside its own (and a package would ship them all).
rmSync(path.join(root, 'dist', 'cli'), { recursive: true, force: true });

await Promise.all([
  // The CLI in chunks: a command's work (and its libraries) loads when the command runs, so
  // `--version` and `--help` start in tens of milliseconds.
  build({
    ...common,
    entryPoints: { dockwright: 'electron/cli/bin.ts' },
    outdir: 'dist/cli',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    format: 'esm',
    // Libraries are bundled in (loading zod's hundred ESM files one by one cost more than a
    // command's own work); those only a run needs sit in the chunks a run loads, so `--version`
    // does not load them. The packages above stay packages.
    external: CLI_RUNTIME_PACKAGES,
    // A package's ES module build first: only what is used of it is kept (OpenTelemetry's semantic
    // conventions are thousands of names).
    mainFields: ['module', 'main'],
    // Node reads, decodes and compiles every chunk a command loads at each start: minified, `up`
    // loads 1.6 MB instead of 2.5 MB and some sixty package files. Names are kept (errors and
    // `constructor.name` read the same); `node --enable-source-maps` maps a stack trace back.
    // BUILD_MINIFY=0 builds it readable, for a CPU profile.
    minify: process.env.BUILD_MINIFY !== '0',
    keepNames: true,
    plugins: [lazyDockerodeSession],
    banner: {
      js: "import { createRequire as __dwCreateRequire } from 'node:module'; const require = __dwCreateRequire(import.meta.url);",
    },
  }),
  !cliOnly &&
    build({
      ...common,
      entryPoints: ['electron/main/main.ts'],
      outfile: 'dist/electron/main.cjs',
      format: 'cjs',
      packages: 'external',
      define: { 'import.meta.dirname': '__dirname' },
    }),
  !cliOnly &&
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
