// Validation, planning and (de)serialization of a 1,000-node topology.
// Run: node scripts/run-ts.mjs bench/topology.bench.ts [runs]
import { parseTopology, serializeTopology } from '../shared/topology/document';
import type { Topology, TopologyNode } from '../shared/topology/model';
import { plan } from '../shared/topology/plan';
import { validate } from '../shared/topology/validate';
import { CURRENT_API_VERSION } from '../shared/topology/version';
import { measure, print, seeded } from './stats';

const runs = Number(process.argv[2] ?? 100);

function bigTopology(size: number): Topology {
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

const topology = bigTopology(1000);
const problems = validate(topology);
const planned = plan(topology);
if (!planned.ok) throw new Error('bench topology must plan');
const text = serializeTopology(topology);
const nodes = Object.keys(topology.spec.nodes).length;

print({
  bench: 'topology.validate',
  nodes,
  problems: problems.length,
  ...measure(() => validate(topology), runs),
});
print({
  bench: 'topology.plan',
  nodes,
  waves: planned.plan.waves.length,
  ...measure(() => plan(topology), runs),
});
print({
  bench: 'topology.validate+plan',
  nodes,
  ...measure(() => {
    validate(topology);
    plan(topology);
  }, runs),
});
print({
  bench: 'topology.serialize',
  nodes,
  bytes: text.length,
  ...measure(() => serializeTopology(topology), Math.max(5, Math.round(runs / 5))),
});
print({
  bench: 'topology.parse',
  nodes,
  bytes: text.length,
  ...measure(() => parseTopology(text), Math.max(5, Math.round(runs / 5))),
});
