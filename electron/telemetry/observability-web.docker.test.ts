import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApi, type Api } from '../../shared/ipc/api';
import type { EventPayload, RunLogLine, SpanData } from '../../shared/ipc/contract';
import { createWireTransport } from '../../shared/ipc/wire-client';
import { createAppServices, type AppServices } from '../app/services';
import { startWebServer, type WebServer } from '../server/web-server';
import { DEFAULT_WEB_LIMITS } from '../server/web-limits';
import { webSocketWire } from '../server/ws-wire';
import { testProjectName } from '../testing/docker-project';
import { parsePrometheusText, sampleValue } from '../testing/prometheus-text';
import { BUSYBOX_IMAGE } from '../testing/test-images';
import { topology } from '../testing/topologies';
import { waitFor } from '../testing/wait-for';
import { silentLogger } from '../common/logger';
import { METRIC } from './names';

let services: AppServices;
let server: WebServer;
let api: Api;
let dataDir: string;
const projects: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'dw-obs-'));
  services = createAppServices({ logger: silentLogger, dataDir, env: {} });
  server = await startWebServer({
    dispatcher: services.dispatcher,
    events: services.hub,
    metrics: services.telemetry.metrics,
    logger: silentLogger,
  });
  const socket = new WebSocket(`${server.origin.replace('http:', 'ws:')}/api/ws`, {
    headers: { authorization: `Bearer ${server.token}` },
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  api = createApi(
    createWireTransport(
      webSocketWire(socket, { limits: DEFAULT_WEB_LIMITS, refusals: { refuse: () => {} } }),
      { timeoutMs: 120_000 },
    ),
    {
      transport: 'web',
      nativeDialogs: false,
    },
  );
  await waitFor(() => services.engine.status.state === 'connected');
});

afterAll(async () => {
  api.close();
  for (const project of projects) await services.runs.cleanup(project);
  await server.close();
  await services.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts a run over the WebSocket and resolves with its final state, as pushed. */
async function runOverWire(spec: ReturnType<typeof topology>, traceparent?: string) {
  let runId = '';
  const finished = new Promise<EventPayload<'run.status'>>((resolve) => {
    const off = api.subscribe('run.status', (status) => {
      if (status.runId === runId && status.state !== 'running') {
        off();
        resolve(status);
      }
    });
  });
  const started = await api.runs.start(
    { topology: spec, idempotencyKey: `k-${spec.metadata.name}` },
    traceparent ? { traceparent } : {},
  );
  runId = started.runId;
  return { runId, final: await finished };
}

async function scrape() {
  const response = await fetch(`${server.origin}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text()).samples;
}

describe('observability in the web mode, over the real WebSocket', () => {
  it('serves /metrics without the token as Prometheus text whose counters move with a run', async () => {
    const before = await scrape();
    const project = testProjectName('dwtest-obs');
    projects.push(project);
    const spans: SpanData[] = [];
    const off = api.subscribe('telemetry.spans', (batch) => spans.push(...batch.spans));
    const pushed: Array<EventPayload<'telemetry.metrics'>> = [];
    const offMetrics = api.subscribe('telemetry.metrics', (payload) => pushed.push(payload));
    const caller = '4bf92f3577b34da6a3ce929d0e0e4736';
    const { runId, final } = await runOverWire(
      topology(project, {
        svc: { kind: 'service', image: BUSYBOX_IMAGE, command: ['sleep', '600'] },
        job: { kind: 'job', image: BUSYBOX_IMAGE, command: ['true'] },
      }),
      `00-${caller}-00f067aa0ba902b7-01`,
    );
    expect(final.state).toBe('succeeded');
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta(METRIC.runsStarted)).toBe(1);
    expect(delta(METRIC.runsFinished, { outcome: 'succeeded' })).toBe(1);
    expect(delta(`${METRIC.nodeDuration}_count`, { kind: 'job', outcome: 'succeeded' })).toBe(1);
    expect(delta(`${METRIC.nodeDuration}_count`, { kind: 'service', outcome: 'succeeded' })).toBe(1);
    expect(delta(`${METRIC.dockerCallDuration}_count`, { operation: 'container.create' })).toBe(2);
    expect(delta(`${METRIC.dockerCallDuration}_count`, { operation: 'container.wait' })).toBe(1);
    expect(sampleValue(after, METRIC.breakerState, { breaker: 'docker-engine', state: 'closed' })).toBe(1);
    expect(after.some((s) => s.name === 'dockwright_process_cpu_seconds_total')).toBe(true);
    // The service's CPU and memory, from the engine's stats stream, by node id.
    await expect
      .poll(async () => sampleValue(await scrape(), METRIC.containerMemory, { project, node: 'svc' }), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    // Key series are pushed as they change.
    await expect
      .poll(() =>
        pushed.some((payload) =>
          payload.samples.some(
            (sample) => sample.name === METRIC.runsFinished && sample.labels.outcome === 'succeeded',
          ),
        ),
      )
      .toBe(true);
    offMetrics();
    // Bounded labels: never a container id.
    expect(after.flatMap((s) => Object.values(s.labels)).some((value) => /^[0-9a-f]{64}$/.test(value))).toBe(
      false,
    );

    // The span feed reached the client: the run's spans, in the caller's trace, root included.
    await expect.poll(() => spans.some((span) => span.name === `run ${project}` && span.endTime)).toBe(true);
    off();
    const ofRun = spans.filter((span) => span.runId === runId);
    expect(new Set(ofRun.map((span) => span.traceId))).toEqual(new Set([caller]));
    expect(ofRun.map((span) => span.name)).toEqual(
      expect.arrayContaining(['node svc', 'node job', 'docker container.start']),
    );
    const root = ofRun.find((span) => span.name === `run ${project}` && span.endTime)!;
    expect(root.endTime! - root.startTime).toBeGreaterThan(0);
    // Opened spans are announced before they end, so a waterfall can draw them growing.
    expect(ofRun.some((span) => span.name === `run ${project}` && span.endTime === undefined)).toBe(true);

    const metrics = await api.telemetry.metrics({ names: [METRIC.runsFinished] });
    const finishedSamples = metrics.samples.filter((sample) => sample.name === METRIC.runsFinished);
    expect(
      finishedSamples.find((sample) => sample.labels.outcome === 'succeeded')?.value,
    ).toBeGreaterThanOrEqual(1);
    expect(await api.telemetry.status()).toMatchObject({ export: { enabled: false } });
  });

  it('delivers all 50,000 lines a container prints, in order, none dropped', async () => {
    const project = testProjectName('dwtest-logs');
    projects.push(project);
    const lines: RunLogLine[] = [];
    const off = api.subscribe('run.log', (line) => {
      if (line.nodeId === 'burst') lines.push(line);
    });
    const { final } = await runOverWire(
      topology(project, { burst: { kind: 'job', image: BUSYBOX_IMAGE, command: ['seq', '1', '50000'] } }),
    );
    // Pushed events go out in batches, the run's answer at once: the last lines may come after it.
    await expect
      .poll(() => lines.filter((line) => line.stream === 'stdout').length, { timeout: 30_000 })
      .toBe(50_000);
    off();
    expect(final.state).toBe('succeeded');
    const stdout = lines.filter((line) => line.stream === 'stdout');
    expect(lines.filter((line) => line.dropped)).toEqual([]);
    expect(stdout).toHaveLength(50_000);
    expect(stdout.every((line, index) => line.text === String(index + 1))).toBe(true);
    expect(stdout[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  }, 90_000); // a wide guard against a hang: 2-3 s here, far more on a loaded CI machine

  it('streams a service output live while it runs, after the run has finished', async () => {
    const project = testProjectName('dwtest-live');
    projects.push(project);
    const lines: string[] = [];
    const off = api.subscribe('run.log', (line) => {
      if (line.nodeId === 'ticker' && line.stream !== 'system') lines.push(line.text);
    });
    const { final } = await runOverWire(
      topology(project, {
        ticker: {
          kind: 'service',
          image: BUSYBOX_IMAGE,
          command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done'],
        },
      }),
    );
    expect(final.state).toBe('succeeded');
    // Lines keep coming after the run is over: the service is followed, not read once.
    await expect.poll(() => lines.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    expect(lines.slice(0, 5)).toEqual(['tick 1', 'tick 2', 'tick 3', 'tick 4', 'tick 5']);
    await api.runs.cleanup({ project });
    off();
  });
});
