import { describe, expect, it } from 'vitest';
import { createMemoryWirePair } from '../../shared/testing/memory-wire';
import { serveWire } from '../../shared/ipc/wire-server';
import { createDispatcher } from '../../shared/ipc/dispatcher';
import { handlersFor } from '../../shared/testing/ipc-handlers';
import { EventHub } from './event-hub';

const status = (runId: string) =>
  ({
    runId,
    project: 'shop',
    idempotencyKey: 'k',
    state: 'running',
    startedAt: new Date(0).toISOString(),
  }) as const;

describe('EventHub sequence and replay', () => {
  it('numbers batches and replays those after a sequence number of the same epoch', () => {
    const hub = new EventHub(undefined, 100);
    const seen: number[] = [];
    hub.subscribe((_events, batch) => seen.push(batch?.seq ?? 0));
    for (const id of ['a', 'b', 'c']) {
      hub.emit('run.status', status(id));
      hub.flush();
    }
    expect(seen).toEqual([1, 2, 3]);
    const replay = hub.replay(hub.epoch, 1);
    expect(replay.seq).toBe(3);
    expect(replay.batches?.map((b) => b.seq)).toEqual([2, 3]);
    expect(hub.replay(hub.epoch, 3).batches).toEqual([]);
    // Another process's sequence, or nothing asked: no replay, the client resynchronises.
    expect(hub.replay('0123abcd', 1).batches).toBeUndefined();
    expect(hub.replay(undefined, undefined)).toEqual({ epoch: hub.epoch, seq: 3 });
  });

  it('keeps the newest batches up to its bound and says when a gap is gone', () => {
    const hub = new EventHub(undefined, 100, undefined, 2);
    for (const id of ['a', 'b', 'c', 'd']) {
      hub.emit('run.status', status(id));
      hub.flush();
    }
    expect(hub.replay(hub.epoch, 2).batches?.map((b) => b.seq)).toEqual([3, 4]);
    expect(hub.replay(hub.epoch, 1).batches).toBeUndefined();
  });

  it('keeps no batch older than its time bound: a client gone longer than that resynchronises', () => {
    let now = 0;
    const clock = { now: () => now, setTimeout: () => ({}), clearTimeout: () => {} };
    const hub = new EventHub(clock, 100, undefined, 1_000, 60_000);
    for (const id of ['a', 'b', 'c']) {
      hub.emit('run.status', status(id));
      hub.flush();
      now += 40_000;
    }
    // Batch 1 (t=0) is older than a minute when batch 3 (t=80 s) is kept; batch 2 (t=40 s) is not.
    expect(hub.replay(hub.epoch, 1).batches?.map((b) => b.seq)).toEqual([2, 3]);
    expect(hub.replay(hub.epoch, 0).batches).toBeUndefined();
  });

  it('serves a reconnecting client a hello, then what it missed, then what is new, in order', async () => {
    const hub = new EventHub(undefined, 100);
    for (const id of ['a', 'b']) {
      hub.emit('run.status', status(id));
      hub.flush();
    }
    const [client, server] = createMemoryWirePair();
    const frames: Array<{ t: string; seq?: number; resumed?: boolean }> = [];
    client.onFrame((frame) => frames.push(frame as { t: string }));
    serveWire(server, createDispatcher(handlersFor({})), hub, { epoch: hub.epoch, since: 1 });
    hub.emit('run.status', status('c'));
    hub.flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(frames.map((f) => [f.t, f.seq, f.resumed])).toEqual([
      ['hello', 2, true],
      ['evt', 2, undefined],
      ['evt', 3, undefined],
    ]);
  });
});
