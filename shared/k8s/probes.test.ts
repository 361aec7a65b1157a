import { describe, expect, it } from 'vitest';
import { codes, exportNodes, find, mainContainerOf } from '../testing/k8s-export';
import type { ServiceNode } from '../topology/model';
import { healthcheckCommand } from './probes';

const web = (fields: Partial<ServiceNode>) =>
  exportNodes({ web: { kind: 'service', image: 'nginx', ...fields } });

describe('healthcheck commands', () => {
  it('reads CMD, CMD-SHELL, a string and NONE as Docker does', () => {
    expect(healthcheckCommand(['CMD', 'curl', '-f', 'http://localhost'])).toEqual([
      'curl',
      '-f',
      'http://localhost',
    ]);
    expect(healthcheckCommand(['CMD-SHELL', 'pg_isready -U $$USER'])).toEqual([
      '/bin/sh',
      '-c',
      'pg_isready -U $$$$USER',
    ]);
    expect(healthcheckCommand('redis-cli ping')).toEqual(['/bin/sh', '-c', 'redis-cli ping']);
    expect(healthcheckCommand(['NONE'])).toBeUndefined();
  });
});

describe('probes', () => {
  it('makes the healthcheck the readiness and the liveness probe, with Docker timings', () => {
    const out = web({ healthcheck: { test: ['CMD', 'true'], interval: '10s', timeout: '3s', retries: 5 } });
    const container = mainContainerOf(find(out, 'Deployment', 'web'));
    const expected = {
      exec: { command: ['true'] },
      periodSeconds: 10,
      timeoutSeconds: 3,
      failureThreshold: 5,
    };
    expect(container.readinessProbe).toEqual(expected);
    expect(container.livenessProbe).toEqual(expected);
    expect(container.startupProbe).toBeUndefined();
  });

  it("uses Docker's defaults (30s, 30s, 3) when the healthcheck says nothing", () => {
    const container = mainContainerOf(find(web({ healthcheck: { test: 'true' } }), 'Deployment', 'web'));
    expect(container.readinessProbe).toMatchObject({
      periodSeconds: 30,
      timeoutSeconds: 30,
      failureThreshold: 3,
    });
  });

  it('adds a startup probe for the start period, so a slow start is not killed', () => {
    const out = web({
      healthcheck: { test: ['CMD', 'true'], startPeriod: '60s', startInterval: '5s', retries: 3 },
    });
    expect(mainContainerOf(find(out, 'Deployment', 'web')).startupProbe).toMatchObject({
      exec: { command: ['true'] },
      periodSeconds: 5,
      failureThreshold: 15,
    });
  });

  it('maps health checks: http -> httpGet, tcp -> tcpSocket, exec -> exec', () => {
    const http = web({
      health: {
        checks: [
          { type: 'http', port: 8080, path: '/healthz', scheme: 'https', headers: { 'X-Probe': '1' } },
        ],
      },
    });
    expect(mainContainerOf(find(http, 'Deployment', 'web')).readinessProbe).toEqual({
      httpGet: {
        port: 8080,
        path: '/healthz',
        scheme: 'HTTPS',
        httpHeaders: [{ name: 'X-Probe', value: '1' }],
      },
      periodSeconds: 5,
      timeoutSeconds: 2,
      failureThreshold: 3,
    });
    const tcp = web({ health: { checks: [{ type: 'tcp', port: 5432, interval: '2s' }] } });
    expect(mainContainerOf(find(tcp, 'Deployment', 'web')).livenessProbe).toMatchObject({
      tcpSocket: { port: 5432 },
      periodSeconds: 2,
    });
    const exec = web({ health: { checks: [{ type: 'exec', command: 'test -f /ready' }] } });
    expect(mainContainerOf(find(exec, 'Deployment', 'web')).livenessProbe?.exec).toEqual({
      command: ['sh', '-c', 'test -f /ready'],
    });
  });

  it('readiness from the healthcheck, liveness from the health checks, the rest reported', () => {
    const out = web({
      healthcheck: { test: ['CMD', 'ready'] },
      health: {
        checks: [{ type: 'tcp', port: 80 }, { type: 'http', port: 80, path: '/a' }, { type: 'engine' }],
      },
    });
    const container = mainContainerOf(find(out, 'Deployment', 'web'));
    expect(container.readinessProbe?.exec?.command).toEqual(['ready']);
    expect(container.livenessProbe?.tcpSocket).toEqual({ port: 80 });
    expect(out.fidelity.find((i) => i.code === 'PROBES')?.message).toContain('check "http :80/a"');
  });

  it('no liveness probe when Dockwright does not heal the service', () => {
    for (const fields of [
      { recovery: { restartUnhealthy: false } },
      { health: { disable: true } },
    ] satisfies Partial<ServiceNode>[]) {
      const container = mainContainerOf(
        find(web({ healthcheck: { test: 'true' }, ...fields }), 'Deployment', 'web'),
      );
      expect(container.readinessProbe).toBeDefined();
      expect(container.livenessProbe).toBeUndefined();
    }
  });

  it('no probe for a disabled healthcheck or NONE', () => {
    for (const healthcheck of [{ test: 'true', disable: true }, { test: ['NONE'] }]) {
      const container = mainContainerOf(find(web({ healthcheck }), 'Deployment', 'web'));
      expect(container.readinessProbe).toBeUndefined();
    }
  });

  it('reports an HTTP status or body a probe cannot check', () => {
    const out = web({ health: { checks: [{ type: 'http', port: 80, status: 204, body: 'ok' }] } });
    expect(codes(out)).toContain('PROBES');
    const plain = web({ health: { checks: [{ type: 'http', port: 80, status: '200-299' }] } });
    expect(codes(plain)).not.toContain('PROBES');
  });
});
