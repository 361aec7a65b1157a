import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NodeRunState, RunSummary } from '../../shared/ipc/contract';
import type { Topology } from '../../shared/topology';
import { silentLogger } from '../common/logger';
import { testDocker, testProjectName } from '../testing/docker-project';
import { BUSYBOX_IMAGE } from '../testing/test-images';
import { topology } from '../testing/topologies';
import { waitFor } from '../testing/wait-for';
import { startWebhookReceiver } from '../testing/webhook-receiver';
import { createAppServices, type AppServices } from './services';

/*
 * Workflows against the real engine: a scheduled job ticking without overlap, notifications that
 * survive a restart of the process, and a run adopted by a new process that updates and heals.
 */

const docker = testDocker();
const work = mkdtempSync(path.join(tmpdir(), 'dw-workflows-'));
const projects: string[] = [];

afterAll(async () => {
  for (const project of projects)
    await docker.resources.projects.cleanup(project, { volumes: true }).catch(() => undefined);
  docker.dispose();
  rmSync(work, { recursive: true, force: true });
});

function app(dataDir: string): AppServices {
  return createAppServices({
    logger: silentLogger,
    dataDir,
    env: process.env,
    notify: { delays: { initialMs: 100, maxMs: 400 }, timeoutMs: 5_000 },
  });
}

async function runToEnd(services: AppServices, doc: Topology): Promise<RunSummary> {
  const started = await services.runs.start({
    topology: doc,
    idempotencyKey: `test-${Date.now()}-${Math.random()}`,
  });
  return services.runs.wait(started.runId);
}

describe('workflows on the engine', () => {
  it('runs a scheduled job on each tick it is free for, three times, never overlapping itself', async () => {
    const project = testProjectName('dwtest-sched');
    projects.push(project);
    const services = app(path.join(work, 'sched'));
    const ended: RunSummary[] = [];
    services.runs.onStatus((status) => {
      if (status.trigger === 'schedule' && status.state !== 'running') ended.push({ ...status, nodes: {} });
    });
    try {
      const first = await runToEnd(
        services,
        topology(project, {
          web: { kind: 'service', image: BUSYBOX_IMAGE, command: ['sleep', '600'] },
          // Every second, and each run takes longer than that: some ticks must be skipped.
          tick: {
            kind: 'job',
            image: BUSYBOX_IMAGE,
            command: ['sh', '-c', 'date +%s; sleep 1.5'],
            schedule: '* * * * * *',
            // A loaded engine resets a connection now and then; the tick is then tried again.
            retry: { maxAttempts: 3, backoff: { initial: '200ms' } },
            dependsOn: [{ node: 'web', condition: 'started' }],
          },
        }),
      );
      expect(first.state, JSON.stringify(first.nodes)).toBe('succeeded');
      await waitFor(() => ended.length >= 3, 120_000, 'three scheduled runs');
      const [entry] = services.scheduler.list();
      expect(entry).toMatchObject({ project, nodeId: 'tick', cron: '* * * * * *' });
      expect(entry?.skipped).toBeGreaterThanOrEqual(1);
      services.scheduler.dispose();
      const runs = await Promise.all(ended.slice(0, 3).map((r) => services.runs.get(r.runId)));
      for (const run of runs) {
        expect(run.state, JSON.stringify(run.nodes)).toBe('succeeded');
        expect(run.trigger).toBe('schedule');
        // The job ran again (not reused), and its dependency was left as it was.
        expect(run.nodes['tick']).toMatchObject({ state: 'completed' });
        expect(run.nodes['web']?.action).toBe('reused');
      }
      const spans = runs
        .map((r) => [Date.parse(r.startedAt), Date.parse(r.finishedAt!)] as const)
        .sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
      expect(services.scheduler.list()).toEqual([]);
    } finally {
      await services.dispose();
    }
  }, 240_000);

  it('delivers a run.ended notification after a restart to a receiver that failed the first attempts', async () => {
    const project = testProjectName('dwtest-notify');
    projects.push(project);
    const receiver = await startWebhookReceiver();
    const dataDir = path.join(work, 'notify');
    const doc: Topology = {
      ...topology(project, { once: { kind: 'job', image: BUSYBOX_IMAGE, command: ['true'] } }),
    };
    doc.spec.notifications = [{ url: receiver.url, events: ['run.ended'] }];
    receiver.failNext(1_000);
    const first = app(dataDir);
    let runId: string;
    try {
      runId = (await runToEnd(first, doc)).runId;
      await waitFor(() => receiver.hits.length >= 2, 60_000, 'failed attempts before the restart');
      expect(first.notify.status().targets[0]).toMatchObject({ state: 'retrying', pending: 1 });
    } finally {
      await first.dispose();
    }
    receiver.failNext(1);
    const second = app(dataDir);
    try {
      await waitFor(() => receiver.accepted.size === 1, 60_000, 'the delivery after the restart');
      const [hook] = [...receiver.accepted.values()];
      expect(hook?.event).toBe('run.ended');
      expect(hook?.body).toMatchObject({
        project,
        run: { runId, state: 'succeeded' },
        nodes: { once: { state: 'completed' } },
      });
      expect(new Set(receiver.hits.map((h) => h.key))).toEqual(new Set([hook?.key]));
      expect(receiver.hits.length).toBeGreaterThanOrEqual(4);
      await waitFor(() => second.notify.status().targets[0]?.state === 'delivered', 10_000, 'delivered');
    } finally {
      await second.dispose();
      await receiver.close();
    }
  }, 180_000);

  it('adopts a run of an earlier process: its nodes follow the containers and its services are healed', async () => {
    const project = testProjectName('dwtest-adopt');
    projects.push(project);
    const dataDir = path.join(work, 'adopt');
    const doc = topology(project, {
      web: {
        kind: 'service',
        image: BUSYBOX_IMAGE,
        command: ['sleep', '600'],
        recovery: { backoff: { initial: '100ms' } },
      },
    });
    const first = app(dataDir);
    try {
      expect((await runToEnd(first, doc)).state).toBe('succeeded');
    } finally {
      await first.dispose();
    }
    const second = app(dataDir);
    const states: Array<NodeRunState & { runId: string }> = [];
    second.runs.onNode((state) => states.push(state));
    try {
      expect((await second.runs.orphans()).map((o) => o.project)).toContain(project);
      const adopted = await second.runs.adopt(project);
      expect(adopted.nodes['web']).toMatchObject({ state: 'running', action: 'adopted' });
      await waitFor(
        () => second.health.get({ project })?.services['web']?.state === 'healthy',
        60_000,
        'watched',
      );
      await second.health.kill(project, 'web');
      await waitFor(
        () => states.some((s) => s.runId === adopted.runId && s.nodeId === 'web' && s.state === 'failed'),
        60_000,
        'the kill on the canvas',
      );
      const failedAt = states.findIndex((s) => s.state === 'failed');
      await waitFor(
        () => states.slice(failedAt).some((s) => s.runId === adopted.runId && s.state === 'running'),
        60_000,
        'the restart on the canvas',
      );
      await waitFor(
        () => (second.health.get({ project })?.services['web']?.restarts ?? 0) >= 1,
        60_000,
        'a restart',
      );
      await waitFor(
        () => second.health.get({ project })?.services['web']?.state === 'healthy',
        60_000,
        'healed',
      );
      expect((await second.runs.get(adopted.runId)).nodes['web']?.state).toBe('running');
    } finally {
      await second.dispose();
    }
  }, 240_000);
});
