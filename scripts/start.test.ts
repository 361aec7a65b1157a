import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

describe('npm start without the Electron binary', () => {
  it('says so in one line and serves the web mode, printing its URL', async () => {
    expect(existsSync(path.join(root, 'dist', 'cli', 'dockwright.mjs')), 'run `npm run build` first').toBe(
      true,
    );
    const dataDir = mkdtempSync(path.join(tmpdir(), 'dw-start-'));
    // No download attempt in tests: the binary is simply absent, as on a machine that cannot fetch it.
    const child = spawn(
      process.execPath,
      [path.join(root, 'scripts', 'start.mjs'), '--port', '0', '--data-dir', dataDir],
      {
        env: { ...process.env, DOCKWRIGHT_NO_ELECTRON_DOWNLOAD: '1', ELECTRON_OVERRIDE_DIST_PATH: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await expect
        .poll(() => stdout, { timeout: 20_000 })
        .toMatch(/Dockwright web mode: http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      const notice = stderr.trim().split('\n');
      expect(notice).toHaveLength(1);
      expect(notice[0]).toMatch(/^Electron binary not available .* starting the web mode instead\.$/);
      const origin = new URL(/(http:\/\/\S+)/.exec(stdout)![1]!).origin;
      expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
