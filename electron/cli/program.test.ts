import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../testing/capture-io';
import { runCli } from './program';

const neverStops = { staticDir: '/nonexistent', untilStopped: () => new Promise(() => {}) };

describe('dockwright CLI', () => {
  it('prints help and exits 0', async () => {
    const { io, stdout } = captureIo();
    expect(await runCli(['--help'], io, neverStops)).toBe(0);
    expect(stdout()).toContain('Usage: dockwright');
    expect(stdout()).toMatch(/web \[options\]/);
    expect(stdout()).toMatch(/engine \[options\]/);
  });

  it('exits 2 on usage errors', async () => {
    const { io, stderr } = captureIo();
    expect(await runCli(['frobnicate'], io, neverStops)).toBe(2);
    expect(stderr()).toContain("unknown command 'frobnicate'");
    expect(await runCli(['engine', '--bogus'], captureIo().io, neverStops)).toBe(2);
    expect(await runCli(['web', '--port', 'eighty'], captureIo().io, neverStops)).toBe(2);
  });

  it('engine exits 1 with a plain message when no engine answers', async () => {
    const { io, stderr } = captureIo({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(await runCli(['engine'], io, neverStops)).toBe(1);
    expect(stderr()).toMatch(/Docker engine not reachable at unix:\/\/\/nonexistent\/docker.sock/);
    const json = captureIo({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(await runCli(['engine', '--json'], json.io, neverStops)).toBe(1);
    expect(JSON.parse(json.stdout())).toMatchObject({
      reachable: false,
      error: { code: 'ENGINE_UNAVAILABLE' },
    });
  });

  it('web serves on 127.0.0.1, prints the URL with its token, and stops cleanly', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'dw-cli-'));
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const { io, stdout } = captureIo();
    const running = runCli(['web', '--port', '0', '--data-dir', dataDir], io, {
      staticDir: '/nonexistent',
      untilStopped: () => stopped,
    });
    try {
      // The web command loads the app's services when it runs: allow it the time a loaded machine takes.
      await expect
        .poll(() => stdout(), { timeout: 20_000 })
        .toMatch(/Dockwright web mode: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/);
      const url = /(http:\/\/\S+)/.exec(stdout())![1]!;
      const origin = new URL(url).origin;
      expect((await fetch(`${origin}/healthz`)).status).toBe(200);
      expect((await fetch(`${origin}/api/rpc`, { method: 'POST', body: '{}' })).status).toBe(401);
      stop();
      expect(await running).toBe(0);
      await expect(fetch(`${origin}/healthz`)).rejects.toThrow();
    } finally {
      stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('web warns before binding a non-loopback address', async () => {
    // 192.0.2.1 (TEST-NET-1) is never assigned here: the bind fails without sending any traffic.
    const { io, stderr } = captureIo();
    const code = await runCli(
      ['web', '--host', '192.0.2.1', '--port', '0', '--data-dir', tmpdir()],
      io,
      neverStops,
    );
    expect(stderr()).toMatch(/^WARNING: binding to 192\.0\.2\.1/);
    expect(code).toBe(1);
    expect(stderr()).toContain('Could not start the web server');
  });
});
