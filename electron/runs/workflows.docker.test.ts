import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { NodeRunState } from '../../shared/ipc/contract';
import type { Topology } from '../../shared/topology';
import { silentLogger } from '../common/logger';
import { testDocker, testProjectName } from '../testing/docker-project';
import { BUSYBOX_IMAGE } from '../testing/test-images';
import { topology } from '../testing/topologies';
import { RunService } from './run-service';

// Workflows on the real engine: job outputs, reruns from a failure, run handlers, run history.
const docker = testDocker();
const dataDir = mkdtempSync(path.join(tmpdir(), 'dw-workflows-'));
const projects: string[] = [];
const services: RunService[] = [];

function setup(dir = dataDir) {
  const runs = new RunService({ resources: docker.resources, dataDir: dir, logger: silentLogger, env: {} });
  services.push(runs);
  const events: Array<NodeRunState & { runId: string }> = [];
  const logs: string[] = [];
  runs.onNode((event) => events.push(event));
  runs.onLog((line) => logs.push(`${line.nodeId}: ${line.text}`));
  return { runs, events, logs };
}

function project(prefix: string): string {
  const name = testProjectName(prefix);
  projects.push(name);
  return name;
}

const inspect = (name: string) => docker.engine.client.inspectContainer(name);
const envOf = async (name: string) => (await inspect(name)).Config.Env ?? [];

async function runToEnd(runs: RunService, spec: Topology, key: string, trigger?: 'cli') {
  const started = await runs.start({ topology: spec, idempotencyKey: key }, trigger ? { trigger } : {});
  return runs.wait(started.runId);
}

afterEach(async () => {
  for (const runs of services.splice(0)) await runs.dispose();
  for (const name of projects.splice(0)) {
    await docker.resources.projects.cleanup(name, { stopTimeoutSeconds: 1, volumes: true });
    expect(await docker.leftovers(name)).toBe(0);
  }
});

afterAll(() => {
  docker.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A job that writes its outputs, and a service and a job that depend on it. */
function pipeline(name: string, rows: string): Topology {
  return topology(name, {
    extract: {
      kind: 'job',
      image: BUSYBOX_IMAGE,
      environment: { ROWS: rows },
      command: [
        'sh',
        '-c',
        'echo "ROWS=$ROWS" >> "$DOCKWRIGHT_OUTPUT"; echo "# a comment" >> "$DOCKWRIGHT_OUTPUT"; echo "FILE=/data/a=b.csv" >> "$DOCKWRIGHT_OUTPUT"',
      ],
    },
    report: {
      kind: 'job',
      image: BUSYBOX_IMAGE,
      dependsOn: [{ node: 'extract', condition: 'completed' }],
      command: ['sh', '-c', 'echo "report of $EXTRACT_ROWS rows from $EXTRACT_FILE"'],
    },
    web: {
      kind: 'service',
      image: BUSYBOX_IMAGE,
      dependsOn: [{ node: 'extract', condition: 'completed' }],
      command: ['sleep', '3600'],
    },
  });
}

describe('job outputs on the real engine', () => {
  it("reach the dependents' environment, show on the job, stay in the history, and drive the config hash", async () => {
    const name = project('dwtest-out');
    const { runs, logs } = setup();
    const first = await runToEnd(runs, pipeline(name, '42'), `k1-${name}`);
    expect(first.state).toBe('succeeded');
    expect(first.nodes.extract?.outputs).toEqual({ ROWS: '42', FILE: '/data/a=b.csv' });
    expect(await envOf(`${name}-report`)).toEqual(
      expect.arrayContaining(['EXTRACT_ROWS=42', 'EXTRACT_FILE=/data/a=b.csv']),
    );
    expect(await envOf(`${name}-web`)).toEqual(expect.arrayContaining(['EXTRACT_ROWS=42']));
    expect(await envOf(`${name}-extract`)).toEqual(
      expect.arrayContaining(['DOCKWRIGHT_OUTPUT=/dockwright/output']),
    );
    expect(logs).toContain('report: report of 42 rows from /data/a=b.csv');
    // Kept in the history, as read back after the run.
    expect((await runs.details(first.runId)).summary.nodes.extract?.outputs).toEqual({
      ROWS: '42',
      FILE: '/data/a=b.csv',
    });

    // Same inputs: the job is not run again, its outputs are read back, the dependents are reused.
    const webId = (await inspect(`${name}-web`)).Id;
    const again = await runToEnd(runs, pipeline(name, '42'), `k2-${name}`);
    expect(again.nodes.extract).toMatchObject({ action: 'reused', outputs: { ROWS: '42' } });
    expect(again.nodes.web?.action).toBe('reused');
    expect((await inspect(`${name}-web`)).Id).toBe(webId);

    // Other outputs: the dependents' environment changed, so they are recreated.
    const changed = await runToEnd(runs, pipeline(name, '7'), `k3-${name}`);
    expect(changed.nodes.extract?.outputs).toEqual({ ROWS: '7', FILE: '/data/a=b.csv' });
    expect(changed.nodes.web?.action).toBe('recreated');
    expect((await inspect(`${name}-web`)).Id).not.toBe(webId);
    expect(await envOf(`${name}-web`)).toEqual(expect.arrayContaining(['EXTRACT_ROWS=7']));
  }, 180_000);

  it('fails a job whose outputs are not KEY=VALUE, with the line', async () => {
    const name = project('dwtest-outbad');
    const { runs } = setup();
    const final = await runToEnd(
      runs,
      topology(name, {
        bad: {
          kind: 'job',
          image: BUSYBOX_IMAGE,
          command: ['sh', '-c', 'echo "not a pair" > "$DOCKWRIGHT_OUTPUT"'],
        },
        after: {
          kind: 'job',
          image: BUSYBOX_IMAGE,
          dependsOn: [{ node: 'bad', condition: 'completed' }],
          command: ['true'],
        },
      }),
      `k-${name}`,
    );
    expect(final.state).toBe('failed');
    expect(final.nodes.bad?.error?.message).toMatch(
      /line 1 of the outputs of "bad" \(\/dockwright\/output\) is not KEY=VALUE/,
    );
    expect(final.nodes.after?.state).toBe('skipped');
  }, 120_000);
});

describe('a job retried', () => {
  it('finds an empty output file on each attempt: what a failed attempt wrote is gone', async () => {
    const name = project('dwtest-outretry');
    const { runs } = setup();
    const final = await runToEnd(
      runs,
      topology(name, {
        flaky: {
          kind: 'job',
          image: BUSYBOX_IMAGE,
          retry: { maxAttempts: 2, backoff: { initial: '100ms', multiplier: 1, jitter: 0 } },
          // The container's own file system outlives the attempt: the marker says "second try".
          command: [
            'sh',
            '-c',
            'test -f "$DOCKWRIGHT_OUTPUT" && ! test -s "$DOCKWRIGHT_OUTPUT" || exit 3; if [ -f /tried ]; then echo "B=2" >> "$DOCKWRIGHT_OUTPUT"; else touch /tried; echo "A=1" >> "$DOCKWRIGHT_OUTPUT"; exit 1; fi',
          ],
        },
      }),
      `k-${name}`,
    );
    expect(final.state).toBe('succeeded');
    expect(final.nodes.flaky?.outputs).toEqual({ B: '2' });
  }, 120_000);
});

/** A job that fails on its first run and succeeds after (its state is on a volume). */
function flakyProject(name: string): Topology {
  return topology(name, {
    state: { kind: 'volume' },
    ok: {
      kind: 'job',
      image: BUSYBOX_IMAGE,
      command: ['sh', '-c', 'echo "AT=$(cat /proc/sys/kernel/random/uuid)" >> "$DOCKWRIGHT_OUTPUT"'],
    },
    web: { kind: 'service', image: BUSYBOX_IMAGE, command: ['sleep', '3600'] },
    flaky: {
      kind: 'job',
      image: BUSYBOX_IMAGE,
      mounts: [{ type: 'volume', source: 'state', target: '/state' }],
      dependsOn: [{ node: 'ok', condition: 'completed' }],
      command: [
        'sh',
        '-c',
        'if [ -f /state/tried ]; then echo fixed; else touch /state/tried; echo broken >&2; exit 3; fi',
      ],
    },
    after: {
      kind: 'job',
      image: BUSYBOX_IMAGE,
      dependsOn: [{ node: 'flaky', condition: 'completed' }],
      command: ['sh', '-c', 'echo "after ok=$OK_AT"'],
    },
  });
}

describe('rerun on the real engine', () => {
  it('reruns the failed part only: a succeeded job keeps its container and is not run, a running service is kept', async () => {
    const name = project('dwtest-rerun');
    const { runs, logs } = setup();
    const first = await runToEnd(runs, flakyProject(name), `k-${name}`, 'cli');
    expect(first.state).toBe('failed');
    expect([
      first.nodes.ok?.state,
      first.nodes.web?.state,
      first.nodes.flaky?.state,
      first.nodes.after?.state,
    ]).toEqual(['completed', 'running', 'failed', 'skipped']);
    const ok = await inspect(`${name}-ok`);
    const web = await inspect(`${name}-web`);

    // A new service on the same data directory: the rerun works from the history on disk.
    const { runs: later } = setup();
    const started = await later.rerun({ project: name });
    expect(started).toMatchObject({ trigger: 'rerun', rerun: { of: first.runId } });
    const rerun = await later.wait(started.runId);
    expect(rerun.state).toBe('succeeded');
    expect(rerun.nodes.ok).toMatchObject({ state: 'completed', action: 'reused' });
    expect(rerun.nodes.flaky?.state).toBe('completed');
    expect(rerun.nodes.after?.state).toBe('completed');
    const okAfter = await inspect(`${name}-ok`);
    // Same container, not started again.
    expect(okAfter.Id).toBe(ok.Id);
    expect(okAfter.State.StartedAt).toBe(ok.State.StartedAt);
    const webAfter = await inspect(`${name}-web`);
    expect([webAfter.Id, webAfter.State.StartedAt, webAfter.State.Running]).toEqual([
      web.Id,
      web.State.StartedAt,
      true,
    ]);
    // The kept job's outputs reached its rerun dependent (outputs go to direct dependents).
    const okAt = first.nodes.ok?.outputs?.AT;
    expect(okAt).toMatch(/^[0-9a-f-]{36}$/);
    expect(await envOf(`${name}-flaky`)).toContain(`OK_AT=${okAt}`);
    expect(await envOf(`${name}-after`)).not.toContain(`OK_AT=${okAt}`);
    expect(logs).not.toContain('ok: AT');

    // Rerun from a node: it runs again even though it succeeded, and so do its dependents.
    const fromOk = await later.wait((await later.rerun({ project: name, from: 'ok' })).runId);
    expect(fromOk).toMatchObject({ state: 'succeeded', rerun: { from: 'ok' } });
    const okThird = await inspect(`${name}-ok`);
    expect(okThird.State.StartedAt).not.toBe(ok.State.StartedAt);
    expect((await inspect(`${name}-web`)).State.StartedAt).toBe(web.State.StartedAt);

    // Nothing failed any more: a plain rerun says so.
    await expect(later.rerun({ project: name })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    // The history lists every run, newest first, with its trigger and each node's final state.
    const history = await later.history(name);
    expect(history.map((run) => [run.trigger ?? 'manual', run.state])).toEqual([
      ['rerun', 'succeeded'],
      ['rerun', 'succeeded'],
      ['cli', 'failed'],
    ]);
    expect(history[2]?.nodes.flaky?.state).toBe('failed');
    const details = await later.details(first.runId);
    expect(details.logs.map((line) => `${line.nodeId}: ${line.text}`)).toContain('flaky: broken');
  }, 300_000);
});

describe('run handlers on the real engine', () => {
  it('runs onFailure and onExit handlers with the run status and the failed nodes; skips onSuccess', async () => {
    const name = project('dwtest-handlers');
    const { runs, logs } = setup();
    const spec: Topology = {
      ...topology(name, {
        good: { kind: 'job', image: BUSYBOX_IMAGE, command: ['true'] },
        broken: { kind: 'job', image: BUSYBOX_IMAGE, command: ['sh', '-c', 'exit 2'] },
        alert: {
          kind: 'job',
          image: BUSYBOX_IMAGE,
          command: ['sh', '-c', 'echo "alert: $DOCKWRIGHT_RUN_STATUS [$DOCKWRIGHT_FAILED_NODES]"'],
        },
        cheer: { kind: 'job', image: BUSYBOX_IMAGE, command: ['echo', 'cheer'] },
      }),
    };
    spec.spec.handlers = { onFailure: ['alert'], onSuccess: ['cheer'], onExit: ['alert'] };
    const final = await runToEnd(runs, spec, `k-${name}`);
    expect(final.state).toBe('failed');
    expect(final.nodes.alert?.state).toBe('completed');
    expect(final.nodes.cheer).toMatchObject({ state: 'skipped' });
    expect(final.nodes.cheer?.reason).toMatch(/the run failed/);
    expect(logs).toContain('alert: alert: failed [broken]');
    expect(await envOf(`${name}-alert`)).toEqual(
      expect.arrayContaining(['DOCKWRIGHT_RUN_STATUS=failed', 'DOCKWRIGHT_FAILED_NODES=broken']),
    );
    // The handler ran after the run's graph: after the failed job ended.
    const ended = Date.parse((await inspect(`${name}-broken`)).State.FinishedAt);
    expect(Date.parse((await inspect(`${name}-alert`)).State.StartedAt)).toBeGreaterThanOrEqual(ended);
  }, 180_000);
});
