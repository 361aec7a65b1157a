import { describe, expect, it } from 'vitest';
import type { ContainerNode, Topology } from '../../shared/topology';
import { makeTopology } from '../../shared/testing/topologies';
import { LABELS } from '../docker/labels';
import { namesFor } from '../runs/resource-names';
import { deployedSpec, planService, UPDATE_CONFIG, type ServiceSpecContext } from './service-spec';

function context(
  topology: Topology,
  nodeId: string,
  extra: Partial<ServiceSpecContext> = {},
): ServiceSpecContext {
  return {
    project: 'shop',
    topology,
    nodeId,
    names: namesFor('shop', topology),
    env: { TOKEN: 'from-env' },
    wave: 2,
    secrets: new Map([['token', { id: 'sec1', name: 'shop-token-abc' }]]),
    configs: new Map([['settings', { id: 'cfg1', name: 'shop-settings-def' }]]),
    ...extra,
  };
}

const plan = (nodes: Record<string, Topology['spec']['nodes'][string]>, nodeId: string) => {
  const topology = makeTopology(nodes, { metadata: { name: 'shop' } });
  return planService(topology.spec.nodes[nodeId] as ContainerNode, context(topology, nodeId));
};

describe('a node as a Swarm service', () => {
  it('maps a service: replicas, ports, restart and update policies, limits, healthcheck, networks, files', () => {
    const { spec, desired, hasHealthcheck } = plan(
      {
        api: {
          kind: 'service',
          image: 'shop/api:1',
          entrypoint: ['/bin/api'],
          command: 'serve --port 8080',
          environment: { MODE: 'prod', TOKEN: null },
          replicas: 3,
          ports: [{ target: 8080, published: 80 }, { target: 9090 }],
          restart: 'on-failure:4',
          resources: { limits: { cpus: '0.5', memory: '256m', pids: 100 }, reservations: { cpus: 0.25 } },
          healthcheck: { test: ['CMD', 'true'], interval: '2s', retries: 2 },
          networks: [{ network: 'back', aliases: ['api-internal'] }],
          mounts: [{ type: 'volume', source: 'data', target: '/data' }],
          secrets: [{ source: 'token' }],
          configs: [{ source: 'settings', target: '/etc/settings', mode: 0o440 }],
          extraHosts: ['gateway=10.0.0.1'],
          labels: { team: 'shop' },
          stopGracePeriod: '3s',
        },
        back: { kind: 'network' },
        data: { kind: 'volume', driver: 'local', labels: { keep: 'yes' } },
      },
      'api',
    );
    expect(desired).toBe(3);
    expect(hasHealthcheck).toBe(true);
    expect(spec.Name).toBe('shop-api');
    expect(spec.Mode).toEqual({ Replicated: { Replicas: 3 } });
    expect(spec.UpdateConfig).toEqual(UPDATE_CONFIG);
    expect(spec.EndpointSpec).toEqual({
      Mode: 'vip',
      Ports: [
        { Protocol: 'tcp', TargetPort: 8080, PublishedPort: 80, PublishMode: 'ingress' },
        { Protocol: 'tcp', TargetPort: 9090, PublishMode: 'ingress' },
      ],
    });
    expect(spec.Labels).toMatchObject({
      [LABELS.project]: 'shop',
      [LABELS.node]: 'api',
      [LABELS.kind]: 'service',
      [LABELS.wave]: '2',
      [LABELS.target]: 'swarm',
    });
    const task = spec.TaskTemplate;
    expect(task.RestartPolicy).toEqual({ Condition: 'on-failure', MaxAttempts: 4 });
    expect(task.Resources).toEqual({
      Limits: { NanoCPUs: 500_000_000, MemoryBytes: 256 * 1024 * 1024, Pids: 100 },
      Reservations: { NanoCPUs: 250_000_000 },
    });
    expect(task.Networks).toEqual([{ Target: 'shop-back', Aliases: ['api', 'api-internal'] }]);
    expect(task.Placement).toBeUndefined();
    const container = task.ContainerSpec;
    expect(container.Command).toEqual(['/bin/api']);
    expect(container.Args).toEqual(['serve', '--port', '8080']);
    expect(container.Env).toEqual(['MODE=prod', 'TOKEN=from-env']);
    expect(container.Healthcheck).toEqual({ Test: ['CMD', 'true'], Interval: 2e9, Retries: 2 });
    expect(container.StopGracePeriod).toBe(3e9);
    expect(container.Hosts).toEqual(['10.0.0.1 gateway']);
    expect(container.Labels).toEqual({
      team: 'shop',
      [LABELS.swarmProject]: 'shop',
      [LABELS.node]: 'api',
      [LABELS.target]: 'swarm',
    });
    expect(container.Mounts).toEqual([
      {
        Type: 'volume',
        Source: 'shop-data',
        Target: '/data',
        ReadOnly: false,
        VolumeOptions: {
          Labels: {
            keep: 'yes',
            [LABELS.project]: 'shop',
            [LABELS.node]: 'data',
            [LABELS.kind]: 'volume',
            [LABELS.target]: 'swarm',
          },
          DriverConfig: { Name: 'local' },
        },
      },
    ]);
    expect(container.Secrets).toEqual([
      {
        SecretID: 'sec1',
        SecretName: 'shop-token-abc',
        File: { Name: '/run/secrets/token', UID: '0', GID: '0', Mode: 0o444 },
      },
    ]);
    expect(container.Configs).toEqual([
      {
        ConfigID: 'cfg1',
        ConfigName: 'shop-settings-def',
        File: { Name: '/etc/settings', UID: '0', GID: '0', Mode: 0o440 },
      },
    ]);
  });

  it('maps a job to a replicated job that Swarm retries with its restart policy', () => {
    const { spec, desired } = plan(
      {
        migrate: {
          kind: 'job',
          image: 'shop/migrate:1',
          retry: { maxAttempts: 3, backoff: { initial: '2s' } },
        },
      },
      'migrate',
    );
    expect(desired).toBe(1);
    expect(spec.Mode).toEqual({ ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 } });
    expect(spec.UpdateConfig).toBeUndefined();
    expect(spec.TaskTemplate.RestartPolicy).toEqual({ Condition: 'on-failure', MaxAttempts: 2, Delay: 2e9 });
    expect(spec.TaskTemplate.Networks).toEqual([{ Target: 'shop-default', Aliases: ['migrate'] }]);
    const once = plan({ once: { kind: 'job', image: 'busybox' } }, 'once');
    expect(once.spec.TaskTemplate.RestartPolicy).toEqual({ Condition: 'none' });
  });

  it('hashes what the node says, not the run: another run, the same hash; another value, another hash', () => {
    const node = { kind: 'service', image: 'nginx', environment: { A: '1' } } as const;
    const first = plan({ web: node }, 'web');
    const again = plan({ web: node }, 'web');
    const changed = plan({ web: { ...node, environment: { A: '2' } } }, 'web');
    expect(again.hash).toBe(first.hash);
    expect(changed.hash).not.toBe(first.hash);
    const sent = deployedSpec(first, 'run-1', { TRACEPARENT: '00-abc-def-01' });
    expect(sent.Labels?.[LABELS.configHash]).toBe(first.hash);
    expect(sent.Labels?.[LABELS.run]).toBe('run-1');
    expect(sent.TaskTemplate.ContainerSpec.Labels?.[LABELS.configHash]).toBe(first.hash);
    expect(sent.TaskTemplate.ContainerSpec.Env).toEqual(['A=1', 'TRACEPARENT=00-abc-def-01']);
    expect(deployedSpec(first, 'run-2').Labels?.[LABELS.configHash]).toBe(first.hash);
  });

  it('puts no placement on a task, so nothing is pinned to the manager; a platform becomes a placement platform', () => {
    const { spec } = plan({ web: { kind: 'service', image: 'nginx', platform: 'linux/arm64' } }, 'web');
    expect(spec.TaskTemplate.Placement).toEqual({ Platforms: [{ OS: 'linux', Architecture: 'arm64' }] });
    expect(JSON.stringify(spec)).not.toContain('node.role');
  });
});
