import { describe, expect, it } from 'vitest';
import type { RequestInput, RunSummary } from '../../../shared/ipc/contract';
import { ApiError } from '../../../shared/ipc/errors';
import { createAppStore } from '../store/app-store';
import { fakeMainSide } from '../testing/main-side.fake';
import { cleanUp, startRun } from './run-actions';

const at = '2026-11-28T10:00:00.000Z';

/** A main side that keeps one run per idempotency key, as RunService does. */
function mainSide(options: { refuseFirst?: boolean } = {}) {
  const keys: string[] = [];
  const runs = new Map<string, RunSummary>();
  let refuse = options.refuseFirst === true;
  const side = fakeMainSide({
    'runs.start': async (input: RequestInput<'runs.start'>) => {
      keys.push(input.idempotencyKey);
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (refuse) {
        refuse = false;
        throw new ApiError('PROJECT_BUSY', 'project shop is busy: up by pid 42 since ' + at);
      }
      const known = runs.get(input.idempotencyKey);
      if (known) return known;
      const run: RunSummary = {
        runId: `run-${runs.size + 1}`,
        project: 'shop',
        idempotencyKey: input.idempotencyKey,
        state: 'running',
        startedAt: at,
        nodes: {},
      };
      runs.set(input.idempotencyKey, run);
      return run;
    },
    'runs.volumes': () => [],
    'runs.cleanup': ({ project }) => ({ project, containers: 0, networks: 0, volumes: 0, errors: [] }),
  });
  return { api: side.api, keys, started: () => runs.size };
}

function finish(store: ReturnType<typeof createAppStore>, state: 'succeeded' | 'failed' | 'cancelled') {
  const { nodes: _nodes, ...run } = { ...store.getState().run!, nodes: {} };
  store.getState().applyRunStatus({ ...run, state, finishedAt: at });
}

describe('one Run intent, one key', () => {
  it('a double click while starting sends one key: one run', async () => {
    const { api, keys, started } = mainSide();
    const store = createAppStore();
    await Promise.all([startRun(api, store), startRun(api, store)]);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    expect(started()).toBe(1);
    expect(store.getState().run?.runId).toBe('run-1');
  });

  it.each(['succeeded', 'failed', 'cancelled'] as const)(
    'Run after a run that %s starts a new run, on the same document',
    async (state) => {
      const { api, keys, started } = mainSide();
      const store = createAppStore();
      const doc = store.getState().doc;
      await startRun(api, store);
      finish(store, state);
      await startRun(api, store);
      expect(store.getState().doc).toBe(doc);
      expect(new Set(keys).size).toBe(2);
      expect(started()).toBe(2);
      expect(store.getState().run).toMatchObject({ runId: 'run-2', state: 'running' });
    },
  );

  it('Run after Clean up starts a new run, on an unedited document', async () => {
    const { api, keys, started } = mainSide();
    const store = createAppStore();
    await startRun(api, store);
    finish(store, 'succeeded');
    await cleanUp(api, store);
    expect(store.getState().run).toBeNull();
    await startRun(api, store);
    expect(new Set(keys).size).toBe(2);
    expect(started()).toBe(2);
    expect(store.getState().run?.runId).toBe('run-2');
  });

  it('a click while the run it started is still starting sends its key again', async () => {
    const { api, keys, started } = mainSide();
    const store = createAppStore();
    await startRun(api, store);
    await startRun(api, store);
    expect(new Set(keys).size).toBe(1);
    expect(started()).toBe(1);
  });

  it('after a refused start (busy), the next click is a new intent', async () => {
    const { api, keys, started } = mainSide({ refuseFirst: true });
    const store = createAppStore();
    await startRun(api, store);
    expect(store.getState().runError).toContain('is busy');
    await startRun(api, store);
    expect(store.getState().runError).toBeNull();
    expect(new Set(keys).size).toBe(2);
    expect(started()).toBe(1);
  });
});
