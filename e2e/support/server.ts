import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface RunningServer {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  readonly port: number;
  /** Stops the server; with `keepDataDir` its data dir (and token) stay for a restart. */
  stop(options?: { keepDataDir?: boolean }): Promise<void>;
}

/**
 * Starts `dockwright web --port 0` as a user would, and reads the URL it prints. The data dir is
 * new; unless `fresh`, it has seen the first-run welcome already (settings.json says so), so specs
 * about other things are not greeted by it.
 */
export async function startServer(
  env: Record<string, string> = {},
  options: { fresh?: boolean; port?: number; dataDir?: string } = {},
): Promise<RunningServer> {
  const cli = path.join(ROOT, 'dist', 'cli', 'dockwright.mjs');
  if (!existsSync(cli) || !existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('The app is not built: run `npm run build` before the e2e tests.');
  }
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'dockwright-e2e-'));
  if (!options.fresh && !options.dataDir) {
    writeFileSync(
      path.join(dataDir, 'settings.json'),
      JSON.stringify({ version: 1, welcomeDismissed: true }),
    );
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bin', 'dockwright.mjs'),
      'web',
      '--port',
      String(options.port ?? 0),
      '--data-dir',
      dataDir,
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`dockwright web printed no URL in 20 s:\n${output}`)),
      20_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Dockwright web mode: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dockwright web exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    port: Number(parsed.port),
    async stop(stopOptions = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!stopOptions.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
