import { describe, expect, it } from 'vitest';
import type { ContainerNode } from '../../shared/topology';
import { makeTopology } from '../../shared/testing/topologies';
import { containerPlan, type ResourceNames } from './container-options';

const names: ResourceNames = {
  network: (id) => `p-${id}`,
  volume: (id) => `p-${id}`,
  container: (id) => `p-${id}`,
  defaultNetwork: 'p-default',
};

function planOf(node: ContainerNode, extra: { baseDir?: string; envFileVars?: Record<string, string> } = {}) {
  return containerPlan(node, {
    topology: makeTopology({
      app: node,
      cache: { kind: 'service', image: 'redis' },
      data: { kind: 'volume' },
      back: { kind: 'network' },
      front: { kind: 'network' },
    }),
    nodeId: 'app',
    names,
    env: { FROM_SHELL: 'shell-value' },
    ...extra,
  });
}

describe('container options: every field as Compose applies it', () => {
  it('adds nothing the node does not say: no init, no stop timeout, no labels', () => {
    const plan = planOf({ kind: 'service', image: 'busybox' });
    expect(plan.options.HostConfig?.Init).toBeUndefined();
    expect(plan.options.StopTimeout).toBeUndefined();
    expect(plan.stopTimeoutSeconds).toBe(10);
    expect(plan.labels).toEqual({});
    expect(plan.options.Env).toEqual([]);
    expect(plan.platform).toBeUndefined();
  });

  it('applies process, user and identity fields', () => {
    const plan = planOf({
      kind: 'job',
      image: 'busybox',
      command: 'echo "a b" c',
      entrypoint: ['/bin/sh', '-c'],
      user: '1000:1000',
      workingDir: '/work',
      hostname: 'box',
      init: true,
      stopSignal: 'SIGINT',
      stopGracePeriod: '1m30s',
      tty: true,
      stdinOpen: true,
      labels: { team: 'data' },
      platform: 'linux/amd64',
    });
    expect(plan.options).toMatchObject({
      Cmd: ['echo', 'a b', 'c'],
      Entrypoint: ['/bin/sh', '-c'],
      User: '1000:1000',
      WorkingDir: '/work',
      Hostname: 'box',
      StopSignal: 'SIGINT',
      StopTimeout: 90,
      Tty: true,
      OpenStdin: true,
      HostConfig: { Init: true },
    });
    expect(plan.stopTimeoutSeconds).toBe(90);
    expect(plan.labels).toEqual({ team: 'data' });
    expect(plan.platform).toBe('linux/amd64');
  });

  it('merges env files under the node environment, and takes null values from the shell', () => {
    const plan = planOf(
      { kind: 'service', image: 'x', environment: { A: 'node', FROM_SHELL: null, UNSET: null } },
      { envFileVars: { A: 'file', B: 'file' } },
    );
    expect(plan.options.Env).toEqual(['A=node', 'B=file', 'FROM_SHELL=shell-value']);
  });

  it('resolves ${VAR} placeholders in environment values from whoever starts the run', () => {
    const plan = planOf({
      kind: 'service',
      image: 'x',
      environment: {
        PASSWORD: '${FROM_SHELL}',
        URL: 'postgres://app:${FROM_SHELL}@db/${DB:-app}',
        HASH: '$2y$10$abc',
        ESCAPED: '$${FROM_SHELL}',
        MISSING: '${NOT_SET}',
      },
    });
    expect(plan.options.Env).toEqual([
      'PASSWORD=shell-value',
      'URL=postgres://app:shell-value@db/app',
      'HASH=$2y$10$abc',
      'ESCAPED=${FROM_SHELL}',
      'MISSING=',
    ]);
  });

  it('applies limits, kernel and logging settings', () => {
    const plan = planOf({
      kind: 'service',
      image: 'x',
      resources: { limits: { cpus: '0.5', memory: '256m', pids: 100 }, reservations: { memory: '64m' } },
      ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: 512 },
      sysctls: { 'net.core.somaxconn': '1024' },
      shmSize: '64m',
      logging: { driver: 'json-file', options: { 'max-size': '1m', 'max-file': '3', gone: null } },
      runtime: 'runc',
    });
    expect(plan.options.HostConfig).toMatchObject({
      NanoCpus: 500_000_000,
      Memory: 256 * 1024 ** 2,
      MemoryReservation: 64 * 1024 ** 2,
      PidsLimit: 100,
      Ulimits: [
        { Name: 'nofile', Soft: 1024, Hard: 2048 },
        { Name: 'nproc', Soft: 512, Hard: 512 },
      ],
      Sysctls: { 'net.core.somaxconn': '1024' },
      ShmSize: 64 * 1024 ** 2,
      LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '3' } },
      Runtime: 'runc',
    });
  });

  it('applies security, devices, DNS and hosts', () => {
    const plan = planOf({
      kind: 'service',
      image: 'x',
      privileged: true,
      capAdd: ['NET_ADMIN'],
      capDrop: ['ALL'],
      securityOpt: ['no-new-privileges:true'],
      devices: ['/dev/fuse', '/dev/snd:/dev/sound:r'],
      readOnly: true,
      dns: ['1.1.1.1'],
      extraHosts: ['db.local:10.0.0.2', 'cache.local=10.0.0.3'],
      pid: 'host',
      ipc: 'shareable',
    });
    expect(plan.options.HostConfig).toMatchObject({
      Privileged: true,
      CapAdd: ['NET_ADMIN'],
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges:true'],
      Devices: [
        { PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' },
        { PathOnHost: '/dev/snd', PathInContainer: '/dev/sound', CgroupPermissions: 'r' },
      ],
      ReadonlyRootfs: true,
      Dns: ['1.1.1.1'],
      ExtraHosts: ['db.local:10.0.0.2', 'cache.local:10.0.0.3'],
      PidMode: 'host',
      IpcMode: 'shareable',
    });
  });

  it('resolves bind sources against the folder and the home folder, with propagation and SELinux labels', () => {
    const plan = planOf(
      {
        kind: 'service',
        image: 'x',
        mounts: [
          { type: 'bind', source: './conf', target: '/conf', readOnly: true, propagation: 'rslave' },
          { type: 'bind', source: '~/cache', target: '/cache' },
          { type: 'bind', source: '../shared', target: '/shared', selinux: 'z' },
          { type: 'volume', source: 'data', target: '/data', nocopy: true },
          { type: 'tmpfs', target: '/tmp', size: '16m', mode: 1777 },
        ],
      },
      { baseDir: '/home/me/project' },
    );
    const host = plan.options.HostConfig!;
    expect(host.Mounts?.[0]).toEqual({
      Type: 'bind',
      Source: '/home/me/project/conf',
      Target: '/conf',
      ReadOnly: true,
      BindOptions: { Propagation: 'rslave' },
    });
    expect(host.Mounts?.[1]?.Source).toMatch(/\/cache$/);
    expect(host.Mounts?.[1]?.Source?.startsWith('/')).toBe(true);
    expect(host.Binds).toEqual(['/home/me/shared:/shared:rw,z']);
    expect(host.Mounts?.[2]).toEqual({
      Type: 'volume',
      Source: 'p-data',
      Target: '/data',
      ReadOnly: false,
      VolumeOptions: { NoCopy: true },
    });
    expect(host.Mounts?.[3]).toEqual({
      Type: 'tmpfs',
      Source: '',
      Target: '/tmp',
      TmpfsOptions: { SizeBytes: 16 * 1024 ** 2, Mode: 1777 },
    });
  });

  it('refuses a relative bind source without a folder, saying so', () => {
    expect(() =>
      planOf({ kind: 'service', image: 'x', mounts: [{ type: 'bind', source: './a', target: '/a' }] }),
    ).toThrow('bind source ./a is relative, and the topology has no folder');
  });

  it('publishes ports, exposes expose entries, and joins networks by priority with fixed addresses', () => {
    const plan = planOf({
      kind: 'service',
      image: 'x',
      ports: [
        { target: 80, published: 8080 },
        { target: 53, protocol: 'udp' },
      ],
      expose: ['9000', '7000-7001/udp'],
      networks: [
        { network: 'back', aliases: ['api'] },
        { network: 'front', priority: 10, ipv4Address: '172.30.0.5' },
      ],
    });
    expect(Object.keys(plan.options.ExposedPorts ?? {}).sort()).toEqual([
      '53/udp',
      '7000/udp',
      '7001/udp',
      '80/tcp',
      '9000/tcp',
    ]);
    expect(plan.options.HostConfig?.PortBindings).toEqual({
      '80/tcp': [{ HostIp: '', HostPort: '8080' }],
      '53/udp': [{ HostIp: '', HostPort: '' }],
    });
    expect(plan.options.HostConfig?.NetworkMode).toBe('p-front');
    expect(plan.options.NetworkingConfig).toEqual({
      EndpointsConfig: { 'p-front': { Aliases: ['app'], IPAMConfig: { IPv4Address: '172.30.0.5' } } },
    });
    expect(plan.extraNetworks).toEqual([{ name: 'p-back', endpoint: { Aliases: ['app', 'api'] } }]);
  });

  it('shares another node’s network stack as container:<its container>', () => {
    const plan = planOf({ kind: 'service', image: 'x', networkMode: 'service:cache' });
    expect(plan.options.HostConfig?.NetworkMode).toBe('container:p-cache');
    expect(plan.options.NetworkingConfig).toBeUndefined();
  });

  it('applies healthcheck durations in nanoseconds and restart policies', () => {
    const plan = planOf({
      kind: 'service',
      image: 'x',
      restart: 'on-failure:3',
      healthcheck: { test: ['CMD', 'true'], interval: '1s', timeout: '500ms', retries: 2, startPeriod: '2s' },
    });
    expect(plan.options.Healthcheck).toEqual({
      Test: ['CMD', 'true'],
      Interval: 1e9,
      Timeout: 5e8,
      Retries: 2,
      StartPeriod: 2e9,
    });
    expect(plan.options.HostConfig?.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
  });
});
