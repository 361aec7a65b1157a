import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listDockerContexts, resolveDockerContext } from './docker-contexts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function configDir(contexts: Array<{ name: string; host: string; description?: string; tls?: boolean }>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dockwright-contexts-'));
  dirs.push(dir);
  for (const context of contexts) {
    const id = createHash('sha256').update(context.name).digest('hex');
    const meta = path.join(dir, 'contexts', 'meta', id);
    mkdirSync(meta, { recursive: true });
    writeFileSync(
      path.join(meta, 'meta.json'),
      JSON.stringify({
        Name: context.name,
        Metadata: context.description ? { Description: context.description } : {},
        Endpoints: { docker: { Host: context.host, SkipTLSVerify: false } },
      }),
    );
    if (context.tls) {
      const tls = path.join(dir, 'contexts', 'tls', id, 'docker');
      mkdirSync(tls, { recursive: true });
      for (const file of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(tls, file), 'x');
    }
  }
  // A broken one is skipped, not fatal.
  mkdirSync(path.join(dir, 'contexts', 'meta', 'broken'), { recursive: true });
  writeFileSync(path.join(dir, 'contexts', 'meta', 'broken', 'meta.json'), '{');
  return dir;
}

describe('docker contexts', () => {
  it('lists the contexts of DOCKER_CONFIG by name, with their address and TLS', async () => {
    const dir = configDir([
      { name: 'remote', host: 'tcp://10.0.0.5:2376', tls: true, description: 'the lab' },
      { name: 'builder', host: 'ssh://me@builder' },
    ]);
    expect(await listDockerContexts({ DOCKER_CONFIG: dir })).toEqual([
      { name: 'builder', host: 'ssh://me@builder', tls: false, current: false },
      { name: 'remote', host: 'tcp://10.0.0.5:2376', description: 'the lab', tls: true, current: false },
    ]);
  });

  it('marks the current context: DOCKER_CONTEXT, else config.json, none while DOCKER_HOST is set', async () => {
    const dir = configDir([
      { name: 'remote', host: 'tcp://10.0.0.5:2376' },
      { name: 'builder', host: 'ssh://me@builder' },
    ]);
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ currentContext: 'builder' }));
    const current = async (env: Record<string, string>) =>
      (await listDockerContexts({ DOCKER_CONFIG: dir, ...env })).filter((c) => c.current).map((c) => c.name);
    expect(await current({})).toEqual(['builder']);
    expect(await current({ DOCKER_CONTEXT: 'remote' })).toEqual(['remote']);
    expect(await current({ DOCKER_CONTEXT: 'remote', DOCKER_HOST: 'unix:///x.sock' })).toEqual([]);
  });

  it('is empty without a contexts folder', async () => {
    expect(await listDockerContexts({ DOCKER_CONFIG: path.join(tmpdir(), 'no-such-docker-config') })).toEqual(
      [],
    );
  });

  it('resolves a context to its address and TLS variables, and says when it is missing', async () => {
    const dir = configDir([{ name: 'remote', host: 'tcp://10.0.0.5:2376', tls: true }]);
    const resolved = await resolveDockerContext('remote', { DOCKER_CONFIG: dir });
    expect(resolved.host).toBe('tcp://10.0.0.5:2376');
    expect(resolved.env.DOCKER_TLS_VERIFY).toBe('1');
    expect(resolved.env.DOCKER_CERT_PATH).toMatch(/contexts[/\\]tls[/\\][0-9a-f]{64}[/\\]docker$/);
    await expect(resolveDockerContext('nope', { DOCKER_CONFIG: dir })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
