import { ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { withContext } from '../common/trace-context';
import { resolveDockerHost } from '../docker/docker-host';
import { createDockerodeClient } from '../docker/dockerode-client';
import { createDockerCallObserver } from './docker-calls';
import { DockwrightMetrics } from './metrics';
import { METRIC } from './names';
import { observeDockerCalls } from './observed-docker';

function setup() {
  const exporter = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer(
    't',
  );
  const metrics = new DockwrightMetrics({ defaults: false });
  const docker = observeDockerCalls(
    createDockerodeClient(resolveDockerHost(undefined).options),
    createDockerCallObserver(tracer, metrics),
  );
  const parent = tracer.startSpan('node test');
  const traced = <T>(fn: () => Promise<T>) => withContext(trace.setSpan(ROOT_CONTEXT, parent), fn);
  const value = async (name: string, labels: Record<string, string>) => {
    const family = name.replace(/_(count|sum)$/, '');
    const samples = await metrics.samples([metrics.registry.getSingleMetric(family) ? family : name]);
    return samples
      .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);
  };
  return { exporter, metrics, docker, parent, traced, value };
}

describe('the observed Docker client (real engine)', () => {
  it('measures every call by operation, and traces it only inside a traced operation', async () => {
    const { exporter, docker, traced, value } = setup();
    await docker.ping();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    await traced(() => docker.version());
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['docker system.version']);
    expect(await value(`${METRIC.dockerCallDuration}_count`, { operation: 'system.ping' })).toBe(1);
    expect(await value(`${METRIC.dockerCallDuration}_count`, { operation: 'system.version' })).toBe(1);
  });

  it('marks a failed call ERROR with error.type and counts it; a 404 on inspect is an answer, not an error', async () => {
    const { exporter, docker, traced, value } = setup();
    const missing = 'dwtest-no-such-container-' + Date.now();
    await expect(traced(() => docker.inspectContainer(missing))).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(traced(() => docker.startContainer(missing))).rejects.toMatchObject({
      statusCode: 404,
    });
    const [inspect, start] = exporter.getFinishedSpans();
    expect(inspect).toMatchObject({
      name: 'docker container.inspect',
      status: { code: SpanStatusCode.UNSET },
    });
    expect(inspect?.attributes).toMatchObject({
      'container.name': missing,
      'dockwright.docker.status_code': 404,
    });
    expect(start).toMatchObject({ name: 'docker container.start', status: { code: SpanStatusCode.ERROR } });
    expect(start?.attributes['error.type']).toBe('404');
    expect(await value(METRIC.dockerCallErrors, { operation: 'container.start', error_type: '404' })).toBe(1);
    expect(await value(METRIC.dockerCallErrors, { operation: 'container.inspect' })).toBe(0);
  });
});
