import { describe, expect, it } from 'vitest';
import type { TaskInspect } from '../docker/docker-client';
import { LABELS } from '../docker/labels';
import { taskProgress, type ProgressQuery } from './task-progress';

const T0 = Date.parse('2026-12-01T10:00:00Z');
let next = 0;

function task(
  state: string,
  extra: Partial<TaskInspect> & { hash?: string; at?: number; err?: string } = {},
) {
  const { hash = 'h1', at = T0 + 1000, err, ...rest } = extra;
  return {
    ID: `t${next++}`,
    ServiceID: 's1',
    CreatedAt: new Date(at).toISOString(),
    DesiredState: 'running',
    Status: { State: state, ...(err ? { Err: err } : {}) },
    Spec: { ContainerSpec: { Labels: { [LABELS.configHash]: hash } } },
    ...rest,
  } as TaskInspect;
}

const service = (
  condition: ProgressQuery['condition'],
  extra: Partial<ProgressQuery> = {},
): ProgressQuery => ({
  condition,
  desired: 2,
  hash: 'h1',
  hasHealthcheck: false,
  sinceMs: T0,
  ...extra,
});

describe("a service's tasks against a condition", () => {
  it('started: every wanted task runs; with a healthcheck, a starting one counts (it awaits its verdict)', () => {
    expect(taskProgress([task('running'), task('preparing')], service('started'))).toMatchObject({
      running: 1,
      desired: 2,
      reached: false,
    });
    expect(taskProgress([task('running'), task('running')], service('started')).reached).toBe(true);
    expect(
      taskProgress([task('running'), task('starting')], service('started', { hasHealthcheck: true })).reached,
    ).toBe(true);
  });

  it('healthy: every wanted task running (Swarm keeps a task with a healthcheck starting until it passes)', () => {
    const query = service('healthy', { hasHealthcheck: true });
    expect(taskProgress([task('running'), task('starting')], query).reached).toBe(false);
    expect(taskProgress([task('running'), task('running')], query)).toMatchObject({
      running: 2,
      reached: true,
    });
  });

  it('counts only the current spec’s tasks that are meant to run, and never more than wanted', () => {
    const tasks = [
      task('running', { hash: 'old' }),
      task('running', { DesiredState: 'shutdown' }),
      task('running'),
      task('running'),
      task('running'),
    ];
    expect(taskProgress(tasks, service('started'))).toMatchObject({ running: 2, reached: true });
    expect(taskProgress([task('running', { hash: 'old' })], service('started')).running).toBe(0);
  });

  it('fails a service whose tasks keep failing, with the last error; older failures do not count', () => {
    const failing = Array.from({ length: 6 }, (_, i) =>
      task('failed', { at: T0 + 1000 + i, err: 'task: non-zero exit (1)', DesiredState: 'shutdown' }),
    );
    const progress = taskProgress([...failing, task('starting')], service('started'));
    expect(progress.failed).toBe('6 tasks failed; the last: exited with code 1');
    const old = failing.map((t) => ({ ...t, CreatedAt: new Date(T0 - 5000).toISOString() }));
    expect(taskProgress([...old, task('starting')], service('started')).failed).toBeUndefined();
  });

  it('says when Swarm started no replacement: every task of the deploy ended, one in failure', () => {
    const ended = [task('failed', { err: 'No such image: shop/api:9', DesiredState: 'shutdown' })];
    expect(taskProgress(ended, service('started', { desired: 1 }))).toMatchObject({
      gaveUp: true,
      lastError: 'No such image: shop/api:9',
    });
    expect(taskProgress([...ended, task('pending')], service('started', { desired: 1 })).gaveUp).toBe(false);
    const unhealthy = task('failed', {
      err: 'task: non-zero exit (143): dockerexec: unhealthy container',
      DesiredState: 'shutdown',
    });
    expect(taskProgress([unhealthy, task('starting')], service('healthy', { desired: 1 }))).toMatchObject({
      lastError: 'exited with code 143 (unhealthy container)',
      states: '1 starting',
    });
  });
});

describe("a job's tasks", () => {
  const job = (extra: Partial<ProgressQuery> = {}) =>
    service('completed', { desired: 1, iteration: 1, maxAttempts: 2, ...extra });

  it('completed when a task of the current iteration completed', () => {
    const earlier = task('complete', { JobIteration: {} });
    expect(taskProgress([earlier], job()).reached).toBe(false);
    expect(taskProgress([earlier, task('complete', { JobIteration: { Index: 1 } })], job())).toMatchObject({
      running: 1,
      desired: 1,
      reached: true,
    });
  });

  it('failed once its attempts are used up, saying the exit code', () => {
    const failed = (i: number) =>
      task('failed', {
        JobIteration: { Index: 1 },
        at: T0 + 1000 + i,
        err: 'task: non-zero exit (3)',
        Status: { State: 'failed', Err: 'task: non-zero exit (3)', ContainerStatus: { ExitCode: 3 } },
      });
    expect(
      taskProgress([failed(0), task('ready', { JobIteration: { Index: 1 } })], job()).failed,
    ).toBeUndefined();
    expect(taskProgress([failed(0), failed(1)], job()).failed).toBe('exited with code 3');
  });
});
