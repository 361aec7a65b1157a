import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DockerEngine } from '../docker/docker-engine';
import { DockerResources } from '../docker/docker-resources';
import { RunService } from '../runs/run-service';
import { testProjectName } from '../testing/docker-project';
import { BUSYBOX_IMAGE, HTTP_IMAGE } from '../testing/test-images';
import { topology } from '../testing/topologies';
import { silentLogger } from '../common/logger';
import { observeDockerCalls } from './observed-docker';
import { Telemetry } from './telemetry';

const exporter = new InMemorySpanExporter();
const telemetry = new Telemetry({ env: {}, exporters: [exporter], defaultMetrics: false });
const engine = new DockerEngine({
  logger: silentLogger,
  decorate: (client) => observeDockerCalls(client, telemetry.dockerCalls),
});
const resources = new DockerResources(engine);
const dataDir = mkdtempSync(path.join(tmpdir(), 'dw-trace-'));
const projects: string[] = [];
const services: RunService[] = [];

function setup() {
  const project = testProjectName('dwtest-trace');
  projects.push(project);
  const runs = new RunService({ resources, dataDir, logger: silentLogger, env: {}, telemetry });
  services.push(runs);
  const logs: Array<{ nodeId: string; text: string }> = [];
  runs.onLog((line) => logs.push(line));
  return { project, runs, logs };
}

afterEach(async () => {
  for (const runs of services.splice(0)) await runs.dispose();
  for (const project of projects.splice(0))
    await resources.projects.cleanup(project, { stopTimeoutSeconds: 1, volumes: true });
  exporter.reset();
});

afterAll(async () => {
  engine.dispose();
  await telemetry.shutdown();
  rmSync(dataDir, { recursive: true, force: true });
});

const HEALTH = {
  test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1'],
  interval: '1s',
  timeout: '1s',
  retries: 3,
};

function tree(spans: readonly ReadableSpan[]) {
  const id = (span: ReadableSpan) => span.spanContext().spanId;
  const named = (name: string) => {
    const found = spans.filter((span) => span.name === name);
    expect(found, `one span named "${name}"`).toHaveLength(1);
    return found[0]!;
  };
  const childrenOf = (parent: ReadableSpan) =>
    spans.filter((span) => span.parentSpanContext?.spanId === id(parent));
  return { id, named, childrenOf };
}

describe('the trace of a run on the real engine', () => {
  it('has a root span continuing the caller, node spans, attempt spans, Docker call spans, ERROR on failure', async () => {
    const { project, runs, logs } = setup();
    const caller = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
    const spec = topology(project, {
      data: { kind: 'volume' },
      web: { kind: 'service', image: HTTP_IMAGE, healthcheck: HEALTH },
      ok: {
        kind: 'job',
        image: BUSYBOX_IMAGE,
        command: ['sh', '-c', 'echo "trace=$TRACEPARENT"'],
        mounts: [{ type: 'volume', source: 'data', target: '/data' }],
        dependsOn: [{ node: 'web', condition: 'healthy' }],
      },
      bad: { kind: 'job', image: BUSYBOX_IMAGE, command: ['sh', '-c', 'echo failing >&2; exit 3'] },
    });
    const started = await runs.start(
      { topology: spec, idempotencyKey: `k-${project}` },
      { traceparent: `00-${caller.traceId}-${caller.spanId}-01` },
    );
    const final = await runs.wait(started.runId);
    expect(final.state).toBe('failed');
    expect(final.nodes.ok?.state).toBe('completed');

    const spans = exporter.getFinishedSpans();
    const { id, named, childrenOf } = tree(spans);
    const root = named(`run ${project}`);
    expect(root.spanContext().traceId).toBe(caller.traceId);
    expect(root.parentSpanContext?.spanId).toBe(caller.spanId);
    expect(root.status.code).toBe(SpanStatusCode.ERROR);
    expect(root.attributes['dockwright.run.id']).toBe(started.runId);
    // One trace for the whole run.
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(new Set([caller.traceId]));

    const nodes = ['data', 'web', 'ok', 'bad'].map((nodeId) => named(`node ${nodeId}`));
    for (const node of nodes) expect(node.parentSpanContext?.spanId).toBe(id(root));
    const [, web, ok, bad] = nodes as [ReadableSpan, ReadableSpan, ReadableSpan, ReadableSpan];
    expect(
      childrenOf(web)
        .map((span) => span.name)
        .sort(),
    ).toEqual(['create', 'healthy', 'start']);
    expect(web.attributes).toMatchObject({
      'dockwright.node.kind': 'service',
      'dockwright.outcome': 'succeeded',
    });

    // The container is made ahead of the attempt (its own `create` span), then the attempt runs it.
    expect(
      childrenOf(ok)
        .map((span) => span.name)
        .sort(),
    ).toEqual(['create', 'job']);
    const okMaking = childrenOf(ok).find((span) => span.name === 'create')!;
    const okAttempt = childrenOf(ok).find((span) => span.name === 'job')!;
    const okCalls = childrenOf(okAttempt);
    const create = childrenOf(okMaking).find((span) => span.name === 'docker container.create');
    expect(create?.attributes).toMatchObject({
      'container.name': `${project}-ok`,
      'container.image.name': BUSYBOX_IMAGE,
    });
    expect(create?.attributes['container.id']).toMatch(/^[0-9a-f]{64}$/);
    const okWait = okCalls.find((span) => span.name === 'docker container.wait');
    expect(okWait?.attributes['process.exit.code']).toBe(0);
    expect(okCalls.map((span) => span.name)).toContain('docker container.start');

    expect(bad.status.code).toBe(SpanStatusCode.ERROR);
    expect(bad.attributes).toMatchObject({ 'dockwright.outcome': 'failed', 'error.type': 'retryable' });
    const badAttempt = childrenOf(bad).find((span) => span.name === 'job');
    expect(badAttempt?.status.code).toBe(SpanStatusCode.ERROR);
    const badWait = childrenOf(badAttempt!).find((span) => span.name === 'docker container.wait');
    expect(badWait?.attributes['process.exit.code']).toBe(3);

    // The health probe's execs (every 250 ms) are measured but not traced one by one.
    expect(spans.some((span) => span.name.startsWith('docker exec.'))).toBe(false);

    // The job saw its node span as TRACEPARENT: a traced program in it joins this trace.
    const printed = logs.find((line) => line.nodeId === 'ok' && line.text.startsWith('trace='));
    expect(printed?.text).toBe(`trace=00-${caller.traceId}-${id(ok)}-01`);
    expect(logs).toContainEqual(
      expect.objectContaining({ nodeId: 'bad', stream: 'stderr', text: 'failing' }),
    );
  });

  it('keeps TRACEPARENT out of the config hash: a second run reuses the containers', async () => {
    const { project, runs } = setup();
    const spec = topology(project, {
      svc: { kind: 'service', image: BUSYBOX_IMAGE, command: ['sleep', '600'] },
      once: { kind: 'job', image: BUSYBOX_IMAGE, command: ['true'] },
    });
    const first = await runs.wait(
      (await runs.start({ topology: spec, idempotencyKey: `a-${project}` })).runId,
    );
    expect(first.state).toBe('succeeded');
    const firstTrace = exporter
      .getFinishedSpans()
      .find((span) => span.name === `run ${project}`)
      ?.spanContext().traceId;
    const second = await runs.wait(
      (await runs.start({ topology: spec, idempotencyKey: `b-${project}` })).runId,
    );
    expect(second.state).toBe('succeeded');
    expect(second.nodes.svc?.action).toBe('reused');
    expect(second.nodes.once?.action).toBe('reused');
    // The container keeps the trace context of the run that created it.
    const env = (await engine.client.inspectContainer(`${project}-svc`)).Config.Env;
    expect(env?.find((entry) => entry.startsWith('TRACEPARENT='))).toContain(firstTrace);
  });
});
