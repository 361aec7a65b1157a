import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/program';
import { captureIo } from '../testing/capture-io';
import { testProjectName } from '../testing/docker-project';
import { startOtlpReceiver } from '../testing/otlp-receiver';
import { BUSYBOX_IMAGE } from '../testing/test-images';
import { topology } from '../testing/topologies';
import { containerOtelEnv, otlpConfigFromEnv } from './otlp-config';

describe('OTLP settings from the environment', () => {
  it('appends /v1/traces to a base endpoint and uses a traces endpoint as is', () => {
    expect(otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toMatchObject({
      url: 'http://collector:4318/v1/traces',
      protocol: 'http/protobuf',
      containerEndpoint: { variable: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://collector:4318/' },
    });
    expect(
      otlpConfigFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/custom',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_HEADERS: 'api-key=abc%20def,x=1',
      }),
    ).toMatchObject({
      url: 'http://collector:4318/custom',
      protocol: 'http/json',
      headers: { 'api-key': 'abc def', x: '1' },
      containerEndpoint: { variable: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' },
    });
  });

  it('is off without an endpoint, when disabled, or with another traces exporter; warns on grpc', () => {
    expect(otlpConfigFromEnv({})).toBeUndefined();
    expect(
      otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c', OTEL_SDK_DISABLED: 'true' }),
    ).toBeUndefined();
    expect(
      otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c', OTEL_TRACES_EXPORTER: 'none' }),
    ).toBeUndefined();
    expect(
      otlpConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    ).toMatchObject({
      protocol: 'http/protobuf',
      warnings: [expect.stringContaining('grpc')],
    });
  });

  it('gives containers the endpoint, protocol and their identity, never the headers', () => {
    const config = otlpConfigFromEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=secret',
      DOCKWRIGHT_OTLP_CONTAINER_ENDPOINT: 'http://host.docker.internal:4318',
    });
    const env = containerOtelEnv(config, { serviceName: 'db', project: 'shop', nodeId: 'db', runId: 'r1' });
    expect(env).toEqual({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://host.docker.internal:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_SERVICE_NAME: 'db',
      OTEL_RESOURCE_ATTRIBUTES: 'dockwright.project=shop,dockwright.node.id=db,dockwright.run.id=r1',
    });
    expect(JSON.stringify(env)).not.toContain('secret');
    expect(
      containerOtelEnv(undefined, { serviceName: 'db', project: 'shop', nodeId: 'db', runId: 'r1' }),
    ).toEqual({});
  });
});

describe('dockwright up', () => {
  it('exports the run trace to the OTLP endpoint in its environment before it exits', async () => {
    const receiver = await startOtlpReceiver();
    const work = mkdtempSync(path.join(tmpdir(), 'dw-up-otlp-'));
    const project = testProjectName('dwtest-upotlp');
    const file = path.join(work, 'dockwright.yaml');
    writeFileSync(
      file,
      stringify(topology(project, { hello: { kind: 'job', image: BUSYBOX_IMAGE, command: ['true'] } })),
    );
    const env = {
      ...process.env,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'dockwright-cli-test',
    };
    const never = { staticDir: '/nonexistent', untilStopped: () => new Promise(() => {}) };
    try {
      const up = captureIo(env);
      expect(await runCli(['up', file, '--data-dir', path.join(work, 'data')], up.io, never)).toBe(0);
      const names = receiver.spans.map((span) => span.name);
      expect(names).toEqual(
        expect.arrayContaining([`run ${project}`, 'node hello', 'job', 'docker container.create']),
      );
      expect(receiver.spans[0]?.resource['service.name']).toBe('dockwright-cli-test');
      expect(new Set(receiver.spans.map((span) => span.traceId)).size).toBe(1);
    } finally {
      await runCli(['down', '-p', project, '--data-dir', path.join(work, 'data')], captureIo(env).io, never);
      await receiver.close();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
