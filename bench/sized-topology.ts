// A deterministic topology of `size` nodes (5% volumes, 5% networks, services and jobs with
// dependencies, mounts, ports and health checks): about 710 bytes of YAML per node.
import type { Topology, TopologyNode } from '../shared/topology/model';
import { CURRENT_API_VERSION } from '../shared/topology/version';
import { seeded } from './stats';

export function sizedTopology(size: number): Topology {
  const random = seeded(42);
  const nodes: Record<string, TopologyNode> = {};
  const volumes = Math.round(size * 0.05);
  const networks = Math.round(size * 0.05);
  for (let i = 0; i < volumes; i++) nodes[`vol-${i}`] = { kind: 'volume' };
  for (let i = 0; i < networks; i++)
    nodes[`net-${i}`] = { kind: 'network', subnets: [{ subnet: `10.${i}.0.0/16` }] };
  const containers: string[] = [];
  for (let i = 0; containers.length < size - volumes - networks; i++) {
    const id = `svc-${i}`;
    const isJob = i % 10 === 9;
    const deps =
      containers.length === 0
        ? []
        : Array.from(
            { length: 1 + Math.floor(random() * 3) },
            () => containers[Math.floor(random() * containers.length)] ?? '',
          );
    const common = {
      image: `registry.example.com/team/app-${i}:1.${i % 7}`,
      environment: { NODE: String(i), MODE: 'production' },
      mounts: [
        { type: 'volume' as const, source: `vol-${i % volumes}`, target: '/data' },
        { type: 'bind' as const, source: `./config/${i}`, target: '/config', readOnly: true },
      ],
      networks: [{ network: `net-${i % networks}` }],
      dependsOn: [...new Set(deps)].map((node) => ({
        node,
        condition: nodes[node]?.kind === 'job' ? ('completed' as const) : ('started' as const),
      })),
    };
    nodes[id] = isJob
      ? {
          kind: 'job',
          ...common,
          retry: { maxAttempts: 3, backoff: { initial: '1s', max: '30s', jitter: 0.2 } },
          timeout: '5m',
        }
      : {
          kind: 'service',
          ...common,
          ports: [{ target: 8080, published: 20000 + i }],
          healthcheck: { test: ['CMD', 'true'], interval: '10s', timeout: '2s', retries: 3 },
          restart: 'unless-stopped',
          resources: { limits: { cpus: '0.5', memory: '256M' } },
        };
    containers.push(id);
  }
  return { apiVersion: CURRENT_API_VERSION, kind: 'Topology', metadata: { name: 'bench' }, spec: { nodes } };
}
