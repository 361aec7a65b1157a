import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceNode } from '../../shared/topology';
import { testProjectName } from '../testing/docker-project';
import { BUSYBOX_IMAGE, HTTP_IMAGE } from '../testing/test-images';
import { topology } from '../testing/topologies';
import { countingClock, monitorKit, recordingLogger } from '../testing/monitor-kit';

const FAST_HEALTH = {
  test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1'],
  interval: '1s',
  timeout: '1s',
  retries: 1,
};

const httpService = (extra: Partial<ServiceNode> = {}): ServiceNode => ({
  kind: 'service',
  image: HTTP_IMAGE,
  healthcheck: FAST_HEALTH,
  ...extra,
});

let kit: ReturnType<typeof monitorKit>;

beforeEach(() => {
  kit = monitorKit();
});

afterEach(async () => {
  await kit.dispose();
});

describe('HealthMonitor on the real engine', () => {
  it('notices a killed service at once, restarts it and reports it healthy again, in order', async () => {
    const project = testProjectName('dwtest-hk');
    const spec = topology(project, {
      web: httpService({
        health: {
          checks: [
            { type: 'engine' },
            {
              type: 'http',
              port: 8080,
              interval: '1s',
              timeout: '500ms',
              retries: 2,
              startInterval: '200ms',
            },
          ],
        },
      }),
    });
    const { runId } = await kit.up(spec);
    const { monitor, events } = await kit.monitor();
    monitor.watch({ runId, project, topology: spec });
    await expect
      .poll(() => monitor.get({ project })?.services.web?.state, { timeout: 10_000 })
      .toBe('healthy');
    const before = await kit.startedAt(`${project}-web`);
    events.statuses.length = 0;

    const killedAt = Date.now();
    const killed = await monitor.kill(project, 'web');
    expect(killed.containers).toEqual([`${project}-web`]);
    await expect.poll(() => events.statesOf('web')[0], { timeout: 5_000 }).toBe('unhealthy');
    const detectedAt = Date.parse(events.statuses[0]!.since);
    // Within one interval plus one timeout of the kill (the exit event makes it much quicker).
    expect(detectedAt - killedAt).toBeLessThan(1_500);
    expect(events.statuses[0]?.reason).toBe('exited with code 137 (killed)');

    await expect.poll(() => events.statesOf('web').at(-1), { timeout: 15_000 }).toBe('healthy');
    expect(events.statesOf('web')).toEqual(['unhealthy', 'starting', 'healthy']);
    expect(events.recoveries.map((e) => [e.result, e.trigger, e.attempt, e.action])).toEqual([
      ['started', 'exited', 1, 'restart'],
      ['recovered', 'exited', 1, 'restart'],
    ]);
    expect(events.recoveries[1]?.durationMs).toBeGreaterThan(0);
    expect(await kit.startedAt(`${project}-web`)).not.toBe(before);
    const summary = monitor.get({ runId })!;
    expect(summary.services.web).toMatchObject({ state: 'healthy', restarts: 1 });
    expect(summary.services.web?.recoveries).toHaveLength(2);
    expect(summary.services.web?.checks.some((c) => c.type === 'container' && !c.ok)).toBe(true);
  });

  it('stops restarting a service that never becomes healthy at the maximum, loudly, and reports it failed', async () => {
    const project = testProjectName('dwtest-hf');
    const spec = topology(project, {
      sick: {
        kind: 'service',
        image: BUSYBOX_IMAGE,
        command: ['sleep', '3600'],
        health: {
          checks: [{ type: 'exec', command: ['false'], interval: '200ms', timeout: '2s', retries: 1 }],
        },
        recovery: { maxRestarts: 2, window: '1m', backoff: { initial: '100ms', jitter: 0 } },
      },
    });
    const { runId } = await kit.up(spec);
    const logger = recordingLogger();
    const { monitor, events } = await kit.monitor({ logger });
    monitor.watch({ runId, project, topology: spec });
    await expect
      .poll(() => monitor.get({ project })?.services.sick?.state, { timeout: 20_000 })
      .toBe('failed');
    expect(events.recoveries.map((e) => [e.result, e.attempt])).toEqual([
      ['started', 1],
      ['failed', 1],
      ['started', 2],
      ['failed', 2],
      ['gave-up', 2],
    ]);
    expect(events.recoveries.at(-1)?.reason).toMatch(
      /^gave up after 2 restarts in 60 s: exec false: exit code 1/,
    );
    expect(events.statesOf('sick').at(-1)).toBe('failed');
    expect(logger.errors).toContain('service failed: the health monitor stopped restarting it');
    // It is still checked (someone may fix it), but never restarted again.
    const checked = monitor.get({ project })!.services.sick!.checkFailures;
    await expect
      .poll(() => monitor.get({ project })!.services.sick!.checkFailures, { timeout: 10_000 })
      .toBeGreaterThan(checked + 3);
    expect(monitor.get({ project })!.services.sick).toMatchObject({ state: 'failed', restarts: 2 });
    expect(events.recoveries).toHaveLength(5);
  });

  it('marks a dependent degraded (not restarted) while its dependency is down, and healthy once it is back', async () => {
    const project = testProjectName('dwtest-hd');
    const spec = topology(project, {
      db: httpService({ recovery: { restartOnExit: false } }),
      api: {
        kind: 'service',
        image: BUSYBOX_IMAGE,
        command: ['sleep', '3600'],
        dependsOn: [{ node: 'db', condition: 'healthy' }],
        health: {
          checks: [
            {
              type: 'exec',
              command: ['wget', '-q', '-O', '/dev/null', 'http://db:8080/'],
              interval: '300ms',
              retries: 2,
            },
          ],
        },
      },
    });
    const { runId } = await kit.up(spec);
    const { monitor, events } = await kit.monitor();
    monitor.watch({ runId, project, topology: spec });
    const stateOf = (id: string) => monitor.get({ project })?.services[id]?.state;
    await expect
      .poll(() => [stateOf('db'), stateOf('api')], { timeout: 10_000 })
      .toEqual(['healthy', 'healthy']);
    const apiStarted = await kit.startedAt(`${project}-api`);

    await monitor.kill(project, 'db');
    await expect.poll(() => stateOf('api'), { timeout: 5_000 }).toBe('degraded');
    expect(stateOf('db')).toBe('unhealthy');
    expect(monitor.get({ project })?.services.api).toMatchObject({ cause: 'db', reason: 'db is down' });
    // Its own check fails many times over its retries: a restart would have come by now.
    const failures = monitor.get({ project })!.services.api!.checkFailures;
    await expect
      .poll(() => monitor.get({ project })!.services.api!.checkFailures, { timeout: 10_000 })
      .toBeGreaterThan(failures + 4);
    expect(stateOf('api')).toBe('degraded');
    expect(events.recoveriesOf('api')).toEqual([]);
    expect(events.recoveriesOf('db')).toEqual([]);

    await kit.docker.engine.client.startContainer(`${project}-db`);
    await expect
      .poll(() => [stateOf('db'), stateOf('api')], { timeout: 15_000 })
      .toEqual(['healthy', 'healthy']);
    expect(events.statesOf('api')).toEqual(['healthy', 'degraded', 'starting', 'healthy']);
    expect(events.recoveriesOf('api')).toEqual([]);
    expect(monitor.get({ project })?.services.api?.restarts).toBe(0);
    expect(await kit.startedAt(`${project}-api`)).toBe(apiStarted);
  });

  it('follows an HTTP check from 500 to 200 and back, with the status in the reason', async () => {
    const project = testProjectName('dwtest-hh');
    // A CGI script answers with the status kept in /tmp/status (500 until it is written).
    const cgi =
      'mkdir -p /www/cgi-bin && printf \'#!/bin/sh\\ncode=$(cat /tmp/status 2>/dev/null || echo 500)\\nprintf "HTTP/1.1 %%s X\\\\r\\\\nContent-Type: text/plain\\\\r\\\\n\\\\r\\\\nstatus %%s\\\\n" "$code" "$code"\\n\' > /www/cgi-bin/status && chmod +x /www/cgi-bin/status && exec httpd -f -p 8080 -h /www';
    const spec = topology(project, {
      web: {
        kind: 'service',
        image: HTTP_IMAGE,
        command: ['sh', '-c', cgi],
        health: {
          checks: [
            {
              type: 'http',
              port: 8080,
              path: '/cgi-bin/status',
              body: '^status 200',
              interval: '300ms',
              startInterval: '300ms',
              timeout: '1s',
              retries: 2,
            },
          ],
        },
        recovery: { restartUnhealthy: false },
      },
    });
    const { runId } = await kit.up(spec);
    const { monitor, events } = await kit.monitor();
    monitor.watch({ runId, project, topology: spec });
    const web = () => monitor.get({ project })?.services.web;
    await expect.poll(() => web()?.state, { timeout: 10_000 }).toBe('unhealthy');
    expect(web()?.reason).toBe('http :8080/cgi-bin/status: HTTP 500 (2 in a row)');
    expect(web()?.lastCheck).toMatchObject({ type: 'http', ok: false, message: 'HTTP 500' });

    await kit.exec(`${project}-web`, ['sh', '-c', 'echo 200 > /tmp/status']);
    await expect.poll(() => web()?.state, { timeout: 5_000 }).toBe('healthy');
    expect(web()?.lastCheck).toMatchObject({ ok: true, message: 'HTTP 200' });

    const brokenAt = Date.now();
    await kit.exec(`${project}-web`, ['sh', '-c', 'echo 500 > /tmp/status']);
    await expect.poll(() => web()?.state, { timeout: 5_000 }).toBe('unhealthy');
    // Two failures in a row at 300 ms, each within its 1 s timeout.
    expect(Date.now() - brokenAt).toBeLessThan(2 * 300 + 1_000 + 500);
    expect(events.statesOf('web')).toEqual(['unhealthy', 'healthy', 'unhealthy']);
    expect(events.recoveries).toEqual([]);
  });

  it('reports every service unknown while the engine is away, restarts nothing, and looks again when it is back', async () => {
    const { engineRelay } = await import('../testing/engine-relay');
    const relay = engineRelay();
    await relay.up();
    try {
      const project = testProjectName('dwtest-he');
      const spec = topology(project, {
        a: httpService({
          health: {
            checks: [{ type: 'engine' }, { type: 'http', port: 8080, interval: '300ms', retries: 1 }],
          },
        }),
        b: httpService({
          dependsOn: [{ node: 'a', condition: 'healthy' }],
          health: { checks: [{ type: 'exec', command: ['true'], interval: '300ms', retries: 1 }] },
        }),
      });
      const { runId } = await kit.up(spec);
      const { monitor, engine, events } = await kit.monitor({ host: relay.host });
      monitor.watch({ runId, project, topology: spec });
      const states = () => ['a', 'b'].map((id) => monitor.get({ project })?.services[id]?.state);
      await expect.poll(states, { timeout: 10_000 }).toEqual(['healthy', 'healthy']);
      const started = await Promise.all(['a', 'b'].map((id) => kit.startedAt(`${project}-${id}`)));

      await relay.down();
      await expect.poll(states, { timeout: 5_000 }).toEqual(['unknown', 'unknown']);
      expect(monitor.get({ project })?.services.a?.reason).toMatch(/engine is unreachable/);
      await expect.poll(() => engine.status.state).toBe('disconnected');
      expect(monitor.pendingTimers).toBe(0);

      await relay.up();
      await expect.poll(states, { timeout: 10_000 }).toEqual(['healthy', 'healthy']);
      expect(events.statesOf('a')).toEqual(['healthy', 'unknown', 'healthy']);
      expect(events.statesOf('b')).toEqual(['healthy', 'unknown', 'healthy']);
      expect(events.recoveries).toEqual([]);
      expect(await Promise.all(['a', 'b'].map((id) => kit.startedAt(`${project}-${id}`)))).toEqual(started);
    } finally {
      await relay.dispose();
    }
  });

  it('leaves no timer, stream or socket behind when disposed', async () => {
    const project = testProjectName('dwtest-hx');
    const spec = topology(project, {
      web: httpService({
        health: {
          checks: [
            { type: 'engine' },
            { type: 'http', port: 8080, interval: '200ms' },
            { type: 'tcp', port: 8080, interval: '200ms' },
            { type: 'exec', command: ['true'], interval: '200ms' },
          ],
        },
      }),
    });
    const { runId } = await kit.up(spec);
    const clock = countingClock();
    const { monitor } = await kit.monitor({ clock });
    const handles = () =>
      process.getActiveResourcesInfo().filter((kind) => kind !== 'Timeout' && kind !== 'Immediate').length;
    const baseline = handles();
    const watch = monitor.watch({ runId, project, topology: spec });
    await expect
      .poll(() => monitor.get({ project })?.services.web?.state, { timeout: 10_000 })
      .toBe('healthy');
    await expect
      .poll(() => monitor.get({ project })!.services.web!.checks.length, { timeout: 10_000 })
      .toBeGreaterThan(6);
    expect(clock.pending).toBeGreaterThan(0);
    expect(handles()).toBeGreaterThan(baseline);

    watch.dispose();
    expect(clock.pending).toBe(0);
    expect(monitor.pendingTimers).toBe(0);
    expect(monitor.get({ project })).toBeUndefined();
    // The event stream and any probe's socket close as soon as the loop turns.
    await expect.poll(handles).toBeLessThanOrEqual(baseline);
  });
});
