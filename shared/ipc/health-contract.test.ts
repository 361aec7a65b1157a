import { describe, expect, it } from 'vitest';
import { events, requests } from './contract';

describe('the health part of the contract', () => {
  it('asks health.get for a run or a project, and refuses neither or a bad name', () => {
    const input = requests['health.get'].input;
    expect(input.safeParse({ project: 'shop' }).success).toBe(true);
    expect(input.safeParse({ runId: '20260101-abc' }).success).toBe(true);
    expect(input.safeParse({}).success).toBe(false);
    expect(input.safeParse({ project: 'Shop!' }).success).toBe(false);
    expect(input.safeParse({ project: 'shop', extra: 1 }).success).toBe(false);
  });

  it('takes chaos.kill only with a project and a node', () => {
    const input = requests['chaos.kill'].input;
    expect(input.safeParse({ project: 'shop', nodeId: 'api' }).success).toBe(true);
    expect(input.safeParse({ project: 'shop' }).success).toBe(false);
    expect(input.safeParse({ project: 'shop', nodeId: '' }).success).toBe(false);
  });

  it('carries status changes and recovery steps as events', () => {
    const status = {
      runId: 'r',
      project: 'shop',
      nodeId: 'api',
      state: 'degraded',
      previous: 'healthy',
      since: '2026-01-01T00:00:00.000Z',
      reason: 'db is down',
      cause: 'db',
      restarts: 0,
    };
    expect(events['health.status'].parse(status)).toEqual(status);
    expect(events['health.status'].safeParse({ ...status, state: 'sick' }).success).toBe(false);
    const recovery = {
      runId: 'r',
      project: 'shop',
      nodeId: 'db',
      action: 'restart',
      trigger: 'exited',
      result: 'recovered',
      attempt: 1,
      maxAttempts: 5,
      durationMs: 1200,
      reason: 'healthy again',
      at: '2026-01-01T00:00:01.200Z',
    };
    expect(events['health.recovery'].parse(recovery)).toEqual(recovery);
    expect(events['health.recovery'].safeParse({ ...recovery, result: 'maybe' }).success).toBe(false);
  });
});
