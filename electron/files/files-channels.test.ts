import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../shared/ipc/api';
import { createDispatcher } from '../../shared/ipc/dispatcher';
import { ApiError } from '../../shared/ipc/errors';
import { createMemoryWirePair } from '../../shared/testing/memory-wire';
import { handlersFor } from '../../shared/testing/ipc-handlers';
import { createWireTransport } from '../../shared/ipc/wire-client';
import { serveWire } from '../../shared/ipc/wire-server';
import { filesHandlers } from './files-handlers';
import { TopologyFiles } from './topology-files';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** The real dispatcher and contract client over an in-memory wire, serving a temp data dir. */
function harness(): { api: Api; dataDir: string } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dw-files-ipc-'));
  const dispatcher = createDispatcher(handlersFor(filesHandlers(new TopologyFiles({ dataDir }))));
  const [client, server] = createMemoryWirePair();
  serveWire(server, dispatcher, { subscribe: () => () => undefined });
  const api = createApi(createWireTransport(client), { transport: 'memory', nativeDialogs: false });
  cleanups.push(() => {
    client.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { api, dataDir };
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('files.* through the contract', () => {
  it('saves, lists, reads and remembers topology files', async () => {
    const { api } = harness();
    const saved = await api.files.write({ path: 'shop/shop.yaml', content: 'metadata: {}\n' });
    expect(saved.path).toBe('shop/shop.yaml');
    const list = await api.files.list();
    expect(list).toEqual([
      { path: 'shop/shop.yaml', name: 'shop.yaml', sizeBytes: 13, modifiedAt: saved.modifiedAt },
    ]);
    expect(await api.files.read({ path: 'shop/shop.yaml' })).toEqual({
      path: 'shop/shop.yaml',
      content: 'metadata: {}\n',
      modifiedAt: saved.modifiedAt,
    });
    expect(await api.files.recent()).toEqual(['shop/shop.yaml']);
  });

  it('carries refusals across as typed errors, and keeps serving', async () => {
    const { api, dataDir } = harness();
    const traversal = await rejection(api.files.read({ path: '../recent-files.json' }));
    expect(traversal.code).toBe('INVALID_INPUT');
    expect(traversal.details).toMatchObject({ reason: 'parent' });

    const outside = path.join(dataDir, 'outside');
    mkdirSync(outside);
    mkdirSync(path.join(dataDir, 'topologies'));
    writeFileSync(path.join(outside, 'x.yaml'), 'x: 1\n');
    symlinkSync(outside, path.join(dataDir, 'topologies', 'link'));
    expect((await rejection(api.files.read({ path: 'link/x.yaml' }))).code).toBe('FORBIDDEN');

    // The schema itself refuses what is not even a string.
    const shape = await rejection(api.invoke('files.write', { path: 42, content: 'x' } as never));
    expect(shape.code).toBe('INVALID_INPUT');
    expect((await rejection(api.files.read({ path: 'nope.yaml' }))).code).toBe('NOT_FOUND');
    expect(await api.files.list()).toEqual([]);
  });
});
