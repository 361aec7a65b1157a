import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extract } from 'tar-stream';
import { makeTopology } from '../../shared/testing/topologies';
import type { ContainerNode } from '../../shared/topology';
import { filesArchive, grantTarget, planContainerFiles } from './container-files';

const dir = mkdtempSync(path.join(tmpdir(), 'dw-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, 'db-password.txt'), 's3cret');

function plan(node: ContainerNode) {
  const topology = makeTopology(
    { app: node },
    {
      spec: {
        secrets: { db_password: { file: './db-password.txt' }, token: { environment: 'API_TOKEN' } },
        configs: { nginx: { content: 'server {}\n' }, motd: { file: 'db-password.txt' } },
      },
    },
  );
  return planContainerFiles(node, topology, dir, { API_TOKEN: 'tok-123' });
}

async function entries(
  archive: Buffer,
): Promise<Array<{ name: string; mode?: number; uid?: number; gid?: number; body: string }>> {
  const out: Array<{ name: string; mode?: number; uid?: number; gid?: number; body: string }> = [];
  const reader = extract();
  const done = new Promise<void>((resolve, reject) => {
    reader.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on('end', () => {
        out.push({
          name: header.name,
          mode: header.mode,
          uid: header.uid,
          gid: header.gid,
          body: Buffer.concat(chunks).toString(),
        });
        next();
      });
    });
    reader.on('finish', resolve);
    reader.on('error', reject);
  });
  reader.end(archive);
  await done;
  return out;
}

describe('secrets and configs in a container', () => {
  it('puts them where Compose does', () => {
    expect(grantTarget('secrets', { source: 'a' })).toBe('/run/secrets/a');
    expect(grantTarget('secrets', { source: 'a', target: 'b' })).toBe('/run/secrets/b');
    expect(grantTarget('secrets', { source: 'a', target: '/etc/a.key' })).toBe('/etc/a.key');
    expect(grantTarget('configs', { source: 'nginx' })).toBe('/nginx');
    expect(grantTarget('configs', { source: 'nginx', target: '/etc/nginx/nginx.conf' })).toBe(
      '/etc/nginx/nginx.conf',
    );
  });

  it('binds a plain file source read-only, as Compose does', () => {
    const files = plan({ kind: 'service', image: 'x', secrets: [{ source: 'db_password' }] });
    expect(files.binds).toEqual([
      {
        Type: 'bind',
        Source: path.join(dir, 'db-password.txt'),
        Target: '/run/secrets/db_password',
        ReadOnly: true,
      },
    ]);
    expect(files.copies).toEqual([]);
    expect(files.digest).toBeUndefined();
  });

  it('copies environment and inline sources, and files with an owner or mode, with uid, gid and mode', async () => {
    const files = plan({
      kind: 'service',
      image: 'x',
      secrets: [{ source: 'token' }, { source: 'db_password', uid: '1000', gid: '1001', mode: 0o400 }],
      configs: [{ source: 'nginx', target: '/etc/nginx/nginx.conf' }],
    });
    expect(files.binds).toEqual([]);
    expect(files.digest).toMatch(/^[0-9a-f]{32}$/);
    const archived = await entries(await filesArchive(files.copies));
    expect(archived).toEqual([
      { name: 'run/secrets/token', mode: 0o444, uid: 0, gid: 0, body: 'tok-123' },
      { name: 'run/secrets/db_password', mode: 0o400, uid: 1000, gid: 1001, body: 's3cret' },
      { name: 'etc/nginx/nginx.conf', mode: 0o444, uid: 0, gid: 0, body: 'server {}\n' },
    ]);
  });

  it('changes its digest when a copied content changes', () => {
    const node: ContainerNode = {
      kind: 'service',
      image: 'x',
      secrets: [{ source: 'db_password', mode: 0o400 }],
    };
    const before = plan(node).digest;
    writeFileSync(path.join(dir, 'db-password.txt'), 'rotated');
    expect(plan(node).digest).not.toBe(before);
  });
});
