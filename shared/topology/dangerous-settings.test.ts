import { describe, expect, it } from 'vitest';
import { makeTopology } from '../testing/topologies';
import { consentFingerprint } from './consent-fingerprint';
import { dangerousSettings, hostPathsOf } from './dangerous-settings';
import type { ServiceNode, TopologyNode } from './model';

const svc = (extra: Partial<ServiceNode> = {}): ServiceNode => ({
  kind: 'service',
  image: 'busybox',
  ...extra,
});
const found = (nodes: Record<string, TopologyNode>, resolve?: (source: string) => string | undefined) =>
  dangerousSettings(makeTopology(nodes), resolve).map(({ nodeId, setting, value }) => ({
    nodeId,
    setting,
    value,
  }));
const bind = (source: string) => ({ type: 'bind' as const, source, target: '/mnt' });

describe('dangerousSettings', () => {
  it('finds nothing in an ordinary topology', () => {
    expect(
      found({
        web: svc({
          ports: [{ target: 80 }],
          capAdd: ['NET_BIND_SERVICE', 'CHOWN'],
          capDrop: ['ALL'],
          securityOpt: ['no-new-privileges:true', 'seccomp=/etc/docker/profile.json'],
          networkMode: 'bridge',
          pid: 'service:db',
          mounts: [bind('./src'), bind('/srv/shop/data'), { type: 'volume', source: 'data', target: '/d' }],
        }),
        data: { kind: 'volume' },
      }),
    ).toEqual([]);
  });

  it('finds privileged mode and the host namespaces', () => {
    expect(found({ a: svc({ privileged: true, networkMode: 'host', pid: 'host', ipc: 'host' }) })).toEqual([
      { nodeId: 'a', setting: 'privileged', value: 'true' },
      { nodeId: 'a', setting: 'networkMode', value: 'host' },
      { nodeId: 'a', setting: 'pid', value: 'host' },
      { nodeId: 'a', setting: 'ipc', value: 'host' },
    ]);
    expect(found({ a: svc({ privileged: false }) })).toEqual([]);
  });

  it('finds powerful capabilities, however they are spelled', () => {
    expect(
      found({ a: svc({ capAdd: ['NET_BIND_SERVICE', 'SYS_ADMIN', 'cap_net_admin', 'ALL', 'SYS_PTRACE'] }) }),
    ).toEqual([
      { nodeId: 'a', setting: 'capAdd[1]', value: 'SYS_ADMIN' },
      { nodeId: 'a', setting: 'capAdd[2]', value: 'cap_net_admin' },
      { nodeId: 'a', setting: 'capAdd[3]', value: 'ALL' },
      { nodeId: 'a', setting: 'capAdd[4]', value: 'SYS_PTRACE' },
    ]);
    for (const cap of ['SYS_MODULE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'BPF']) {
      expect(found({ a: svc({ capAdd: [cap] }) })).toHaveLength(1);
    }
  });

  it('finds protections switched off', () => {
    const opts = [
      'seccomp=unconfined',
      'seccomp:unconfined',
      'apparmor=unconfined',
      'label=disable',
      'label:disable',
      'systempaths=unconfined',
    ];
    expect(
      found({ a: svc({ securityOpt: ['no-new-privileges=true', ...opts] }) }).map((s) => s.setting),
    ).toEqual(opts.map((_, i) => `securityOpt[${i + 1}]`));
  });

  it('finds every host device', () => {
    expect(found({ a: svc({ devices: ['/dev/fuse', '/dev/sda:/dev/xvda:rwm'] }) })).toEqual([
      { nodeId: 'a', setting: 'devices[0]', value: '/dev/fuse' },
      { nodeId: 'a', setting: 'devices[1]', value: '/dev/sda:/dev/xvda:rwm' },
    ]);
  });

  it('finds bind mounts of the engine socket and sensitive host paths, with trailing slashes and ..', () => {
    const sources = [
      '/var/run/docker.sock',
      '/etc/',
      '/',
      '/srv/app/../../etc/shadow',
      '//proc',
      '/home/',
      '~',
      '~/.ssh/',
      '/root',
    ];
    expect(found({ a: svc({ mounts: [bind('/srv/ok'), ...sources.map(bind)] }) })).toEqual([
      { nodeId: 'a', setting: 'mounts[1].source', value: '/var/run/docker.sock' },
      { nodeId: 'a', setting: 'mounts[2].source', value: '/etc/ → /etc' },
      { nodeId: 'a', setting: 'mounts[3].source', value: '/' },
      { nodeId: 'a', setting: 'mounts[4].source', value: '/srv/app/../../etc/shadow → /etc/shadow' },
      { nodeId: 'a', setting: 'mounts[5].source', value: '//proc → /proc' },
      { nodeId: 'a', setting: 'mounts[6].source', value: '/home/ → /home' },
      { nodeId: 'a', setting: 'mounts[7].source', value: '~' },
      { nodeId: 'a', setting: 'mounts[8].source', value: '~/.ssh/ → ~/.ssh' },
      { nodeId: 'a', setting: 'mounts[9].source', value: '/root' },
    ]);
  });

  it('judges bind sources where the resolver says they lead (base folder, ~, symbolic links)', () => {
    const real: Record<string, string> = {
      '../../etc': '/etc',
      './link': '/var/run/docker.sock',
      '~': '/home/ann',
    };
    const resolve = (source: string) => real[source];
    expect(
      found({ a: svc({ mounts: [bind('../../etc'), bind('./link'), bind('./plain'), bind('~')] }) }, resolve),
    ).toEqual([
      { nodeId: 'a', setting: 'mounts[0].source', value: '../../etc → /etc' },
      { nodeId: 'a', setting: 'mounts[1].source', value: './link → /var/run/docker.sock' },
      { nodeId: 'a', setting: 'mounts[3].source', value: '~ → /home/ann' },
    ]);
    // A path written as a sensitive one stays flagged wherever a link sends it.
    expect(found({ a: svc({ mounts: [bind('/etc/app')] }) }, () => '/srv/app')).toHaveLength(1);
  });

  it('finds a local volume that binds a host path', () => {
    const nodes: Record<string, TopologyNode> = {
      host: { kind: 'volume', driverOpts: { type: 'none', o: 'bind', device: '/etc' } },
      fine: { kind: 'volume', driverOpts: { type: 'none', o: 'bind', device: '/srv/data' } },
      nfs: { kind: 'volume', driverOpts: { type: 'nfs', o: 'addr=10.0.0.1', device: ':/etc' } },
    };
    expect(found(nodes)).toEqual([{ nodeId: 'host', setting: 'driverOpts.device', value: '/etc' }]);
    expect(hostPathsOf(makeTopology({ ...nodes, a: svc({ mounts: [bind('./x')] }) }))).toEqual([
      '/etc',
      '/srv/data',
      './x',
    ]);
  });

  it('lists by node id, then in field order, with a reason for each', () => {
    const settings = dangerousSettings(
      makeTopology({
        zed: svc({ privileged: true }),
        alpha: svc({ capAdd: ['SYS_ADMIN'], privileged: true }),
      }),
    );
    expect(settings.map((s) => `${s.nodeId} ${s.setting}`)).toEqual([
      'alpha privileged',
      'alpha capAdd[0]',
      'zed privileged',
    ]);
    for (const s of settings) expect(s.reason.length).toBeGreaterThan(10);
  });
});

describe('consentFingerprint', () => {
  const settings = dangerousSettings(
    makeTopology({
      a: svc({ privileged: true, mounts: [bind('/var/run/docker.sock')] }),
      b: svc({ pid: 'host' }),
    }),
  );

  it('is a SHA-256 in hex, the same for the same settings in any order', () => {
    const print = consentFingerprint(settings);
    expect(print).toMatch(/^[0-9a-f]{64}$/);
    expect(consentFingerprint([...settings].reverse())).toBe(print);
    expect(consentFingerprint(settings.map((s) => ({ ...s, reason: 'reworded' })))).toBe(print);
  });

  it('changes when any dangerous setting changes', () => {
    const print = consentFingerprint(settings);
    const changed = dangerousSettings(
      makeTopology({
        a: svc({ privileged: true, mounts: [bind('/run/docker.sock')] }),
        b: svc({ pid: 'host' }),
      }),
    );
    expect(consentFingerprint(changed)).not.toBe(print);
    expect(consentFingerprint(settings.slice(1))).not.toBe(print);
    expect(consentFingerprint(settings.map((s) => ({ ...s, nodeId: `x${s.nodeId}` })))).not.toBe(print);
    expect(consentFingerprint([])).not.toBe(print);
  });
});
