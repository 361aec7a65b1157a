import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export interface BenchWebServer {
  readonly url: string;
  readonly dataDir: string;
  /** The server process, for its RSS and CPU time. */
  readonly pid: number;
  /** What the server printed so far (stdout and stderr). */
  readonly output: () => string;
  stop(): Promise<void>;
}

/**
 * `dockwright web --port 0` on a fresh data dir, as a user starts it, whose first-run welcome was
 * seen (its dialog would stand in front of the page); resolves with its URL. `nodeArgs` go to the
 * server's node (a CPU profile, for instance).
 */
export async function startWeb(prefix: string, nodeArgs: readonly string[] = []): Promise<BenchWebServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ version: 1, welcomeDismissed: true }));
  const child = spawn(
    process.execPath,
    [...nodeArgs, path.join(root, 'bin', 'dockwright.mjs'), 'web', '--port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Dockwright web mode: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    // Kept reading afterwards, so that `output` has all of it and the pipes never fill.
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`dockwright web exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    pid: child.pid!,
    output: () => output,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
