import { describe, expect, it } from 'vitest';
import type { ServiceNode, TopologyNode } from './model';
import type { Problem } from './problem';
import { PROBLEM_CODES } from './problem-codes';
import { makeTopology } from '../testing/topologies';
import { validate } from './validate';

const svc = (extra: Partial<ServiceNode> = {}): ServiceNode => ({
  kind: 'service',
  image: 'nginx:1.25',
  ...extra,
});

function problems(
  nodes: Record<string, TopologyNode>,
  rest: Parameters<typeof makeTopology>[1] = {},
): Problem[] {
  return validate(makeTopology(nodes, rest));
}

function only(list: Problem[], code: string): Problem[] {
  return list.filter((p) => p.code === code);
}

describe('validate', () => {
  it('finds nothing wrong with a sound topology', () => {
    expect(
      problems({
        db: svc({
          image: 'postgres:16',
          healthcheck: { test: ['CMD', 'pg_isready'], interval: '5s' },
          mounts: [{ type: 'volume', source: 'data', target: '/var/lib/postgresql/data' }],
          networks: [{ network: 'back' }],
        }),
        migrate: {
          kind: 'job',
          image: 'app/migrate',
          dependsOn: [{ node: 'db', condition: 'healthy' }],
          networks: [{ network: 'back' }],
        },
        api: svc({
          image: 'app/api',
          ports: [{ target: 8080, published: 8080 }],
          dependsOn: [{ node: 'migrate', condition: 'completed' }],
          networks: [{ network: 'back' }],
        }),
        data: { kind: 'volume' },
        back: { kind: 'network', subnets: [{ subnet: '10.5.0.0/16' }] },
      }),
    ).toEqual([]);
  });

  it('reports a cycle with its path', () => {
    const found = only(
      problems({
        a: svc({ dependsOn: [{ node: 'b', condition: 'started' }] }),
        b: svc({ dependsOn: [{ node: 'c', condition: 'started' }] }),
        c: svc({ dependsOn: [{ node: 'a', condition: 'started' }] }),
        d: svc({ dependsOn: [{ node: 'a', condition: 'started' }] }),
      }),
      'DEPENDENCY_CYCLE',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'error',
      nodeId: 'a',
      related: ['a', 'b', 'c'],
      path: ['spec', 'nodes', 'a', 'dependsOn', 0, 'node'],
    });
    expect(found[0]?.message).toContain('a → b → c → a');
  });

  it('reports a self-dependency as a cycle', () => {
    expect(
      only(problems({ a: svc({ dependsOn: [{ node: 'a', condition: 'started' }] }) }), 'DEPENDENCY_CYCLE')[0]
        ?.related,
    ).toEqual(['a']);
  });

  it('reports dependencies on missing nodes, with a hint when a name was used for an id', () => {
    const found = problems({
      n1: svc({ name: 'db' }),
      web: svc({
        dependsOn: [
          { node: 'db', condition: 'started' },
          { node: 'ghost', condition: 'started' },
        ],
      }),
    });
    const missing = only(found, 'DEPENDENCY_MISSING');
    expect(missing.map((p) => p.path.join('.'))).toEqual([
      'spec.nodes.web.dependsOn.0.node',
      'spec.nodes.web.dependsOn.1.node',
    ]);
    expect(missing[0]?.message).toContain('did you mean "n1"');
  });

  it('reports dependencies on volumes and duplicated dependencies', () => {
    const found = problems({
      v: { kind: 'volume' },
      db: svc(),
      web: svc({
        dependsOn: [
          { node: 'v', condition: 'started' },
          { node: 'db', condition: 'started' },
          { node: 'db', condition: 'started' },
        ],
      }),
    });
    expect(only(found, 'DEPENDENCY_NOT_CONTAINER')).toHaveLength(1);
    expect(only(found, 'DEPENDENCY_DUPLICATE')[0]?.severity).toBe('warning');
  });

  it('reports duplicate names per family and invalid names', () => {
    const found = problems({
      a: svc({ name: 'web' }),
      b: svc({ name: 'WEB' }),
      web: { kind: 'volume' },
      'bad name': svc(),
      c: svc({ name: 'my_svc' }),
    });
    expect(only(found, 'NAME_DUPLICATE')).toMatchObject([{ nodeId: 'b', related: ['a'] }]);
    expect(only(found, 'NAME_INVALID')).toMatchObject([
      { nodeId: 'bad name', path: ['spec', 'nodes', 'bad name'] },
    ]);
    expect(
      only(found, 'NAME_NOT_DNS')
        .map((p) => p.nodeId)
        .sort(),
    ).toEqual(['b', 'c']);
  });

  it('reports an invalid project name', () => {
    expect(only(problems({}, { metadata: { name: 'My Project' } }), 'PROJECT_NAME_INVALID')).toHaveLength(1);
  });

  it('warns on `healthy` without a healthcheck, and errs for jobs', () => {
    const found = only(
      problems({
        db: svc(),
        job: { kind: 'job', image: 'x' },
        web: svc({
          dependsOn: [
            { node: 'db', condition: 'healthy' },
            { node: 'job', condition: 'healthy' },
          ],
        }),
      }),
      'DEPENDENCY_HEALTHY_NO_HEALTHCHECK',
    );
    expect(found.map((p) => p.severity).sort()).toEqual(['error', 'warning']);
  });

  it('reports waiting for a service to complete', () => {
    const found = problems({
      db: svc({ restart: 'always' }),
      worker: { kind: 'job', image: 'x', dependsOn: [{ node: 'db', condition: 'completed' }] },
    });
    expect(only(found, 'DEPENDENCY_COMPLETED_ON_SERVICE')).toMatchObject([
      { severity: 'error', nodeId: 'worker', path: ['spec', 'nodes', 'worker', 'dependsOn', 0, 'condition'] },
    ]);
  });

  it('notes that a job is waited for until it completes', () => {
    expect(
      only(
        problems({
          j: { kind: 'job', image: 'x' },
          web: svc({ dependsOn: [{ node: 'j', condition: 'started' }] }),
        }),
        'DEPENDENCY_JOB_NOT_COMPLETED',
      )[0]?.severity,
    ).toBe('info');
  });

  it('reports host-port clashes across nodes, within a node, and respects host addresses and protocols', () => {
    const found = only(
      problems({
        a: svc({
          ports: [
            { target: 80, published: 8080 },
            { target: 81, published: 8080 },
          ],
        }),
        b: svc({ ports: [{ target: 80, published: 8080 }] }),
        c: svc({
          ports: [
            { target: 53, published: 53, protocol: 'udp' },
            { target: 53, published: 53 },
          ],
        }),
        d: svc({ ports: [{ target: 1, published: 9000, hostIp: '127.0.0.1' }] }),
        e: svc({ ports: [{ target: 1, published: 9000, hostIp: '127.0.0.2' }] }),
        f: svc({ ports: [{ target: 1, published: 9001, hostIp: '127.0.0.1' }] }),
        g: svc({ ports: [{ target: 1, published: 9001 }] }),
      }),
      'PORT_CONFLICT',
    );
    expect(found.map((p) => `${p.nodeId}<>${p.related?.[0] ?? ''}`).sort()).toEqual(['a<>a', 'b<>a', 'g<>f']);
  });

  it('reports replicas with a fixed host port or a fixed container name', () => {
    const found = problems({
      a: svc({ replicas: 3, ports: [{ target: 80, published: 8080 }] }),
      b: svc({ replicas: 3, ports: [{ target: 80, published: '9000-9001' }] }),
      c: svc({ replicas: 2, ports: [{ target: 80, published: '9100-9101' }, { target: 81 }] }),
      d: svc({ replicas: 2, containerName: 'd1' }),
    });
    expect(only(found, 'REPLICAS_FIXED_HOST_PORT').map((p) => p.nodeId)).toEqual(['a', 'b']);
    expect(only(found, 'REPLICAS_CONTAINER_NAME').map((p) => p.nodeId)).toEqual(['d']);
  });

  it('reports duplicate container names', () => {
    expect(
      only(
        problems({ a: svc({ containerName: 'x' }), b: svc({ containerName: 'x' }) }),
        'CONTAINER_NAME_DUPLICATE',
      ),
    ).toHaveLength(1);
  });

  it('reports invalid or missing images', () => {
    const found = problems({
      a: svc({ image: 'Nginx:latest' }),
      b: { kind: 'service' },
      c: { kind: 'job', build: { context: '.' } },
    });
    expect(only(found, 'IMAGE_INVALID').map((p) => p.path.join('.'))).toEqual(['spec.nodes.a.image']);
    expect(only(found, 'IMAGE_MISSING').map((p) => p.nodeId)).toEqual(['b']);
  });

  it('reports relative and duplicate mount targets', () => {
    const found = problems({
      a: svc({
        mounts: [
          { type: 'bind', source: './x', target: 'data' },
          { type: 'tmpfs', target: '/tmp' },
          { type: 'tmpfs', target: '/tmp/' },
          { type: 'bind', source: '.', target: 'C:\\app' },
        ],
      }),
    });
    expect(only(found, 'MOUNT_TARGET_RELATIVE').map((p) => p.path.join('.'))).toEqual([
      'spec.nodes.a.mounts.0.target',
    ]);
    expect(only(found, 'MOUNT_TARGET_DUPLICATE')).toHaveLength(1);
  });

  it('reports invalid durations wherever they are', () => {
    const found = only(
      problems({
        a: svc({
          healthcheck: { test: 'true', interval: '10', timeout: '5 s', startPeriod: '1m' },
          stopGracePeriod: 'soon',
        }),
        j: {
          kind: 'job',
          image: 'x',
          timeout: '1d',
          retry: { maxAttempts: 2, backoff: { initial: 'x', max: '1h' } },
        },
      }),
      'DURATION_INVALID',
    );
    expect(found.map((p) => p.path.slice(3).join('.')).sort()).toEqual([
      'healthcheck.interval',
      'healthcheck.timeout',
      'retry.backoff.initial',
      'stopGracePeriod',
      'timeout',
    ]);
  });

  it('reports unknown networks, volumes, secrets and configs', () => {
    const found = problems(
      {
        v: { kind: 'volume' },
        a: svc({
          networks: [{ network: 'v' }],
          mounts: [{ type: 'volume', source: 'nope', target: '/d' }],
          secrets: [{ source: 'token' }, { source: 'pw' }],
          configs: [{ source: 'cfg' }],
        }),
      },
      { spec: { secrets: { pw: { file: './pw.txt' } } } },
    );
    expect(only(found, 'NETWORK_UNKNOWN')).toHaveLength(1);
    expect(only(found, 'VOLUME_UNKNOWN')).toHaveLength(1);
    expect(only(found, 'SECRET_UNKNOWN').map((p) => p.path.join('.'))).toEqual([
      'spec.nodes.a.secrets.0.source',
    ]);
    expect(only(found, 'CONFIG_UNKNOWN')).toHaveLength(1);
  });

  it('checks secret and config sources', () => {
    const found = only(
      problems(
        {},
        {
          spec: {
            secrets: { a: { file: 'x', environment: 'Y' }, b: {}, c: { content: 'x' } },
            configs: { d: { content: 'ok' } },
          },
        },
      ),
      'SOURCE_INVALID',
    );
    expect(found.map((p) => p.path.join('.'))).toEqual([
      'spec.secrets.a',
      'spec.secrets.b',
      'spec.secrets.c',
    ]);
  });

  it('checks ports, subnets, network modes and retry policies', () => {
    const found = problems({
      a: svc({
        ports: [{ target: 70000 }, { target: 80, published: '90-80' }, { target: 80, hostIp: 'localhost' }],
        expose: ['3000', 'x'],
      }),
      n: { kind: 'network', subnets: [{ subnet: '10.0.0.0', gateway: 'g' }] },
      h: svc({ networkMode: 'host', networks: [{ network: 'n' }], ports: [{ target: 80, published: 80 }] }),
      m: svc({ networkMode: 'weird' }),
      j: {
        kind: 'job',
        image: 'x',
        retry: { maxAttempts: 0, backoff: { initial: '1s', jitter: 2, multiplier: 0.5 } },
      },
    });
    expect(only(found, 'PORT_INVALID')).toHaveLength(4);
    expect(only(found, 'SUBNET_INVALID')).toHaveLength(2);
    expect(only(found, 'NETWORK_MODE_CONFLICT').map((p) => p.nodeId)).toEqual(['h']);
    expect(only(found, 'PORTS_IGNORED_HOST_NETWORK').map((p) => p.nodeId)).toEqual(['h']);
    expect(only(found, 'NETWORK_MODE_INVALID').map((p) => p.nodeId)).toEqual(['m']);
    expect(only(found, 'RETRY_INVALID')).toHaveLength(3);
  });

  it('warns about external resources with options and a layout for missing nodes', () => {
    const found = problems(
      {
        v: { kind: 'volume', external: true, driver: 'local' },
        n: { kind: 'network', external: true, internal: true },
      },
      {
        layout: { nodes: { ghost: { x: 0, y: 0 } }, groups: [{ id: 'g', label: 'G', nodes: ['v', 'gone'] }] },
      },
    );
    expect(only(found, 'EXTERNAL_WITH_OPTIONS')).toHaveLength(2);
    expect(only(found, 'LAYOUT_UNKNOWN_NODE').map((p) => p.path.join('.'))).toEqual([
      'layout.groups.0.nodes.1',
      'layout.nodes.ghost',
    ]);
  });

  it('gives security warnings', () => {
    const found = problems({
      a: svc({
        privileged: true,
        capAdd: ['NET_ADMIN', 'SYS_ADMIN'],
        devices: ['/dev/fuse:/dev/fuse'],
        pid: 'host',
        ipc: 'host',
      }),
      b: svc({
        networkMode: 'host',
        mounts: [
          { type: 'bind', source: '/', target: '/host' },
          { type: 'bind', source: '/etc/', target: '/e', readOnly: true },
          { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock' },
          { type: 'bind', source: '/home/alice', target: '/h' },
          { type: 'bind', source: '~/.ssh', target: '/s' },
          { type: 'bind', source: '/Users/bob/', target: '/u' },
          { type: 'bind', source: './src', target: '/src' },
          { type: 'bind', source: '/home/alice/projects/x', target: '/x' },
          { type: 'bind', source: '/srv/data', target: '/d' },
        ],
      }),
    });
    const codes = found.filter((p) => p.code.startsWith('SECURITY_'));
    expect(codes.every((p) => p.severity === 'warning')).toBe(true);
    expect(only(found, 'SECURITY_SENSITIVE_MOUNT').map((p) => p.path[4])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(only(found, 'SECURITY_CAP_ADD').map((p) => p.message)).toEqual([
      expect.not.stringContaining('root'),
      expect.stringContaining('root on the host'),
    ]);
    for (const code of [
      'SECURITY_PRIVILEGED',
      'SECURITY_HOST_NETWORK',
      'SECURITY_HOST_PID',
      'SECURITY_HOST_IPC',
      'SECURITY_DEVICE',
    ]) {
      expect(only(found, code)).toHaveLength(1);
    }
  });

  it('uses only known codes with their documented default severity (or error for jobs)', () => {
    const found = problems({
      a: svc({ privileged: true, dependsOn: [{ node: 'zz', condition: 'started' }] }),
    });
    for (const p of found) expect(Object.keys(PROBLEM_CODES)).toContain(p.code);
  });

  it('validates 1,000 nodes without a problem', () => {
    const nodes: Record<string, TopologyNode> = {};
    for (let i = 0; i < 1000; i++) {
      nodes[`s${i}`] = svc({
        ports: [{ target: 80, published: 10000 + i }],
        dependsOn: i > 0 ? [{ node: `s${Math.floor(i / 2)}`, condition: 'started' }] : undefined,
        mounts: [{ type: 'bind', source: `./d${i}`, target: '/data' }],
        healthcheck: { test: ['CMD', 'true'], interval: '5s' },
        environment: { A: '1' },
      });
    }
    const topology = makeTopology(nodes);
    expect(validate(topology)).toEqual([]);
    // Its speed is measured in bench/topology.bench.ts (timing has no place in a unit test).
  });
});
