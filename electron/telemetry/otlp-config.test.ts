import { describe, expect, it } from 'vitest';
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

  it('keeps credentials out of what is shown and what containers get, and lists them to mask', () => {
    const config = otlpConfigFromEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://user:canary-url%2Fpw@127.0.0.1:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20canary-token',
    });
    expect(config).toMatchObject({
      url: 'http://user:canary-url%2Fpw@127.0.0.1:4318/v1/traces',
      displayUrl: 'http://127.0.0.1:4318/v1/traces',
      containerEndpoint: { variable: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://127.0.0.1:4318' },
    });
    expect(config?.secrets).toEqual(
      expect.arrayContaining(['Bearer canary-token', 'canary-token', 'canary-url/pw']),
    );
    const env = containerOtelEnv(config, { serviceName: 'db', project: 'shop', nodeId: 'db', runId: 'r1' });
    expect(JSON.stringify(env)).not.toContain('canary');
  });
});
