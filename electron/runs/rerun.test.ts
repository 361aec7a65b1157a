import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/ipc/contract';
import { makeTopology } from '../../shared/testing/topologies';
import { rerunStart, type RerunSource } from './rerun';
import type { KeptRequest } from './run-request-store';

const at = '2026-01-05T14:00:00.000Z';
const topology = makeTopology(
  { load: { kind: 'job', image: 'x', environment: { TOKEN: null } } },
  { metadata: { name: 'etl' } },
);
const failed: RunSummary = {
  runId: 'r1',
  project: 'etl',
  idempotencyKey: 'k',
  state: 'failed',
  startedAt: at,
  nodes: { load: { nodeId: 'load', state: 'failed', at } },
};

function source(kept: KeptRequest): RerunSource {
  return {
    get: () => Promise.resolve(failed),
    list: () => Promise.resolve([failed]),
    requestOf: () => Promise.resolve(kept),
  };
}

describe('the environment of a rerun', () => {
  it("is asked for the kept run's folder, and the run starts with it", async () => {
    const asked: (string | undefined)[] = [];
    const { request, options } = await rerunStart(
      { project: 'etl' },
      source({ topology, baseDir: '/work/etl' }),
      {
        envFor: (baseDir) => (asked.push(baseDir), { TOKEN: 'from-dotenv' }),
      },
    );
    expect(asked).toEqual(['/work/etl']);
    expect(options.env).toEqual({ TOKEN: 'from-dotenv' });
    expect(request.baseDir).toBe('/work/etl');
  });

  it('is asked with no folder when the run kept none', async () => {
    const asked: (string | undefined)[] = [];
    const { options } = await rerunStart({ runId: 'r1' }, source({ topology }), {
      envFor: (baseDir) => (asked.push(baseDir), {}),
    });
    expect(asked).toEqual([undefined]);
    expect(options.env).toEqual({});
  });

  it("without envFor, the run keeps the service's own environment", async () => {
    const { options } = await rerunStart({ project: 'etl' }, source({ topology, baseDir: '/work/etl' }));
    expect(options).not.toHaveProperty('env');
  });
});
