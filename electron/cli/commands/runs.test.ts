import { describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../io';

const created: unknown[] = [];
vi.mock('../../app/services', () => ({
  createAppServices: (options: unknown) => {
    created.push(options);
    return {};
  },
}));

const { services } = await import('./runs');

const io: CliIo = { stdout: () => {}, stderr: () => {}, isTty: false, cwd: '/tmp', env: {} };

describe('the CLI’s app services', () => {
  it('name the command in the project lock’s holder record: up by default, rerun for a rerun', async () => {
    await services(io, { dataDir: '/tmp/dw-data' });
    await services(io, { dataDir: '/tmp/dw-data' }, io.env, 'rerun');
    expect(created).toMatchObject([
      { locks: { commands: { start: 'up', cleanup: 'down' } } },
      { locks: { commands: { start: 'rerun', cleanup: 'down' } } },
    ]);
  });
});
