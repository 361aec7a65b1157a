import { describe, expect, it } from 'vitest';
import { makeTopology } from '../testing/topologies';
import { swarmUnsupportedFields } from './swarm-field-support';

const SWARM_20_10 = { apiVersion: '1.41' };

describe('fields a Swarm cannot apply', () => {
  it('refuses each with UNSUPPORTED_FIELD naming the node and the field', () => {
    const topology = makeTopology({
      box: {
        kind: 'service',
        image: 'busybox',
        build: { context: '.' },
        containerName: 'box',
        networkMode: 'host',
        privileged: true,
        devices: ['/dev/fuse'],
        pid: 'host',
        ipc: 'host',
        securityOpt: ['seccomp=unconfined'],
        shmSize: '64m',
        runtime: 'runc',
        pullPolicy: 'never',
        ports: [
          { target: 80, published: '8000-8010' },
          { target: 81, hostIp: '127.0.0.1' },
        ],
        mounts: [
          { type: 'volume', source: 'data', target: '/d', subpath: 'x' },
          { type: 'bind', source: '/srv', target: '/srv', selinux: 'z' },
        ],
        networks: [{ network: 'net', ipv4Address: '10.0.0.5' }],
        healthcheck: { test: 'true', startInterval: '1s' },
      },
      once: { kind: 'job', image: 'busybox', successExitCodes: [0, 3] },
      data: { kind: 'volume' },
      net: { kind: 'network', driver: 'bridge' },
    });
    const found = swarmUnsupportedFields(topology, SWARM_20_10);
    expect(found.every((p) => p.code === 'UNSUPPORTED_FIELD' && p.severity === 'error')).toBe(true);
    expect(found.map((p) => p.path.join('.'))).toEqual([
      'spec.nodes.box.build',
      'spec.nodes.box.pullPolicy',
      'spec.nodes.box.containerName',
      'spec.nodes.box.networkMode',
      'spec.nodes.box.privileged',
      'spec.nodes.box.devices',
      'spec.nodes.box.pid',
      'spec.nodes.box.ipc',
      'spec.nodes.box.securityOpt',
      'spec.nodes.box.shmSize',
      'spec.nodes.box.runtime',
      'spec.nodes.box.mounts.0.subpath',
      'spec.nodes.box.mounts.1.selinux',
      'spec.nodes.box.networks.0.ipv4Address',
      'spec.nodes.box.healthcheck.startInterval',
      'spec.nodes.box.ports.0.published',
      'spec.nodes.box.ports.1.hostIp',
      'spec.nodes.once.successExitCodes',
      'spec.nodes.net.driver',
    ]);
    expect(found[4]?.message).toBe(
      '"box": `privileged` cannot be applied on a Swarm: a Swarm service cannot run privileged (use `capAdd` for what it needs).',
    );
  });

  it('accepts what a Swarm applies that a plain engine refuses, and warns about Dockwright-only healing', () => {
    const topology = makeTopology(
      {
        web: {
          kind: 'service',
          image: 'nginx',
          replicas: 3,
          ports: [{ target: 80, published: 8080 }],
          resources: { limits: { cpus: '0.5', memory: '64m', pids: 50 }, reservations: { cpus: '0.25' } },
          restart: 'on-failure:3',
          capAdd: ['NET_BIND_SERVICE'],
          recovery: { maxRestarts: 3 },
          health: { checks: [{ type: 'http', port: 80 }] },
          secrets: [{ source: 'token' }],
        },
        job: { kind: 'job', image: 'busybox', successExitCodes: [0], retry: { maxAttempts: 3 } },
        net: { kind: 'network', driver: 'overlay' },
      },
      { spec: { secrets: { token: { external: true } } } },
    );
    const found = swarmUnsupportedFields(topology, SWARM_20_10);
    expect(found.map((p) => [p.severity, p.path.join('.')])).toEqual([
      ['warning', 'spec.nodes.web.recovery'],
      ['warning', 'spec.nodes.web.health.checks'],
    ]);
  });
});

describe('workflow fields on a Swarm', () => {
  it('refuses schedules and run handlers, which only the engine target carries out', () => {
    const topology = makeTopology(
      {
        nightly: { kind: 'job', image: 'busybox', schedule: '0 3 * * *' },
        alert: { kind: 'job', image: 'busybox' },
      },
      { spec: { handlers: { onFailure: ['alert'] } } },
    );
    const found = swarmUnsupportedFields(topology, SWARM_20_10);
    expect(found.map((p) => [p.severity, p.path.join('.')])).toEqual([
      ['error', 'spec.nodes.nightly.schedule'],
      ['error', 'spec.handlers'],
    ]);
  });
});
