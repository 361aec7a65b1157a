import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthStatus, NodeRunState } from '../../shared/ipc/contract';
import type { JobNode, Topology } from '../../shared/topology';
import { silentLogger } from '../common/logger';
import type { DockerClient, ServiceInspect, TaskInspect } from '../docker/docker-client';
import { DockerEngine } from '../docker/docker-engine';
import { LABELS } from '../docker/labels';
import { RunService } from '../runs/run-service';
import { testDocker, testProjectName } from '../testing/docker-project';
import { BUSYBOX_IMAGE } from '../testing/test-images';
import { joinTestSwarm, type TestSwarm } from '../testing/test-swarm';
import { diamond, topology } from '../testing/topologies';
import { SwarmTarget } from './swarm-target';

const docker = testDocker();
const client: DockerClient = docker.engine.client;
const dataDir = mkdtempSync(path.join(tmpdir(), 'dw-swarm-'));
let swarm: TestSwarm | undefined;

beforeAll(() => {
  swarm = joinTestSwarm();
});

/** Every project a test made, cleaned up whatever a test's assertions did. */
const made: Array<{ project: string; runs: RunService }> = [];

afterAll(async () => {
  try {
    for (const { project, runs } of made) {
      await runs.cleanup(project, { target: 'swarm', volumes: true }).catch(() => undefined);
    }
    swarm?.leave();
  } finally {
    docker.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

function setup() {
  const project = testProjectName('dwswarm');
  const health: HealthStatus[] = [];
  const target = new SwarmTarget({
    resources: docker.resources,
    logger: silentLogger,
    onHealth: (event) => health.push(event),
    watchIntervalMs: 500,
  });
  const runs = new RunService({
    resources: docker.resources,
    dataDir,
    logger: silentLogger,
    env: { SHOP_TOKEN: 's3cret' },
    swarm: target,
  });
  made.push({ project, runs });
  const events: Array<NodeRunState & { runId: string }> = [];
  const logs: string[] = [];
  runs.onNode((event) => events.push(event));
  runs.onLog((line) => logs.push(`${line.nodeId}: ${line.text}`));
  const up = async (spec: Topology) => {
    const started = await runs.start({
      topology: spec,
      idempotencyKey: `k-${Date.now()}-${Math.random()}`,
      target: 'swarm',
    });
    return runs.wait(started.runId);
  };
  return { project, runs, target, events, logs, health, up };
}

/** Everything of the project on the Swarm and this node, by label. */
async function leftovers(project: string): Promise<string[]> {
  const filters = { label: [`${LABELS.project}=${project}`] };
  const [services, networks, secrets, configs, volumes, containers] = await Promise.all([
    client.listServices({ filters }),
    client.listNetworks({ filters }),
    client.listSecrets({ filters }),
    client.listConfigs({ filters }),
    client.listVolumes({ filters }),
    // Task containers on this node (a job's completed task keeps its container after the service).
    client.listContainers({ all: true, filters: { label: [`${LABELS.swarmProject}=${project}`] } }),
  ]);
  return [
    ...services.map((s) => `service ${s.Spec.Name}`),
    ...containers.map((c) => `container ${c.Names[0] ?? c.Id}`),
    ...networks.map((n) => `network ${n.Name}`),
    ...secrets.map((s) => `secret ${s.Spec.Name}`),
    ...configs.map((c) => `config ${c.Spec.Name}`),
    ...volumes.map((v) => `volume ${v.Name}`),
  ];
}

const serviceOf = async (project: string, nodeId: string): Promise<ServiceInspect> => {
  const name = `${project}-${nodeId}`;
  const found = (await client.listServices({ filters: { name: [name] } })).find((s) => s.Spec.Name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
};
const tasksOf = (service: ServiceInspect): Promise<TaskInspect[]> =>
  client.listTasks({ filters: { service: [service.ID] } });
const ms = (timestamp: string | undefined) => Date.parse(timestamp ?? '');

function slowStarts(spec: Topology): Topology {
  const nodes = Object.fromEntries(
    Object.entries(spec.spec.nodes).map(([id, node]) => [
      id,
      node.kind === 'service' && node.healthcheck
        ? { ...node, healthcheck: { ...node.healthcheck, startPeriod: '60s', timeout: '10s', retries: 5 } }
        : node,
    ]),
  );
  return { ...spec, spec: { ...spec.spec, nodes } };
}

/** When Swarm says a service reached a condition: its (last) task entered `running` or `complete`. */
async function reachedAt(project: string, nodeId: string, state: 'running' | 'complete'): Promise<number> {
  const tasks = (await tasksOf(await serviceOf(project, nodeId))).filter((t) => t.Status.State === state);
  expect(tasks.length).toBeGreaterThan(0);
  return Math.max(...tasks.map((t) => ms(t.Status.Timestamp)));
}

describe('the Swarm target on a single-node Swarm', () => {
  it('the engine status says the engine manages a Swarm (the toolbar offers Deploy to: Swarm)', async () => {
    const engine = new DockerEngine({ logger: silentLogger });
    try {
      engine.start();
      await expect.poll(() => engine.status.state, { timeout: 10_000 }).toBe('connected');
      expect(engine.status.swarmManager).toBe(true);
    } finally {
      engine.dispose();
    }
  });

  it(
    'deploys services, a job, a network, a volume, a secret and a config in dependency order (by Swarm’s own timestamps), then removes everything',
    { timeout: 300_000 },
    async () => {
      const { project, runs, events, logs, up } = setup();
      // A start period and a longer check timeout only lengthen the gates' deadlines (a passing
      // check counts at once): a busy test machine is slow to start a task's container and to
      // answer a check, and Swarm replaces a task that turns unhealthy.
      const base = slowStarts(diamond(project));
      const spec: Topology = {
        ...base,
        spec: {
          ...base.spec,
          secrets: { token: { environment: 'SHOP_TOKEN' } },
          configs: { settings: { content: 'mode=swarm\n' } },
          nodes: {
            ...base.spec.nodes,
            // This VM's kernel has no IPVS, so a service's virtual IP does not answer: the job
            // does not call db here (on a real Swarm `wget http://db:8080/` works).
            migrate: { ...(base.spec.nodes.migrate as JobNode), command: ['sh', '-c', 'echo migrated'] },
            api: {
              ...(base.spec.nodes.api as Extract<Topology['spec']['nodes'][string], { kind: 'service' }>),
              replicas: 2,
              ports: [{ target: 8080, published: 18080 + Math.floor(Math.random() * 1000) }],
              secrets: [{ source: 'token' }],
              configs: [{ source: 'settings', target: '/etc/settings' }],
            },
          },
        },
      };
      const final = await up(spec).catch(async (error: unknown) => {
        await runs.cleanup(project, { target: 'swarm', volumes: true });
        throw error;
      });
      if (final.state !== 'succeeded') await runs.cleanup(project, { target: 'swarm', volumes: true });
      expect(final.state, JSON.stringify(final.nodes, null, 2)).toBe('succeeded');
      expect(final.target).toBe('swarm');
      expect(final.nodes.db?.state).toBe('healthy');
      expect(final.nodes.api?.state).toBe('healthy');
      expect(final.nodes.migrate?.state).toBe('completed');
      expect(final.nodes.api?.tasks).toEqual({ running: 2, desired: 2 });
      // Task counts travel with the node's events (whether 1 of 2 is ever seen depends on how far
      // apart the two tasks start, so only the counts' presence is asserted).
      expect(events.some((e) => e.nodeId === 'api' && e.tasks?.desired === 2)).toBe(true);
      expect(logs).toContain('migrate: migrated');

      // The order, from Swarm's own timestamps: a dependent's service is created only after its
      // dependencies' tasks became healthy (running, which a task with a healthcheck reaches
      // only when healthy) or completed.
      const created = async (nodeId: string) => ms((await serviceOf(project, nodeId)).CreatedAt);
      const dbHealthy = await reachedAt(project, 'db', 'running');
      const cacheHealthy = await reachedAt(project, 'cache', 'running');
      const migrated = await reachedAt(project, 'migrate', 'complete');
      expect(await created('cache')).toBeGreaterThanOrEqual(dbHealthy);
      expect(await created('migrate')).toBeGreaterThanOrEqual(dbHealthy);
      expect(await created('api')).toBeGreaterThanOrEqual(cacheHealthy);
      expect(await created('api')).toBeGreaterThanOrEqual(migrated);

      // What the spec says, as the Swarm holds it (the routing mesh does not reach this VM's host).
      const api = await serviceOf(project, 'api');
      expect(api.Spec.Mode?.Replicated?.Replicas).toBe(2);
      expect(api.Spec.EndpointSpec?.Ports?.[0]).toMatchObject({
        TargetPort: 8080,
        PublishedPort:
          spec.spec.nodes.api?.kind === 'service' ? spec.spec.nodes.api.ports?.[0]?.published : 0,
        PublishMode: 'ingress',
      });
      expect(api.Endpoint?.Ports?.[0]?.PublishedPort).toBe(api.Spec.EndpointSpec?.Ports?.[0]?.PublishedPort);
      const container = api.Spec.TaskTemplate.ContainerSpec;
      expect(container.Secrets?.[0]?.File.Name).toBe('/run/secrets/token');
      expect(container.Configs?.[0]?.File.Name).toBe('/etc/settings');
      expect(container.Labels?.[LABELS.swarmProject]).toBe(project);
      expect(api.Spec.TaskTemplate.Networks?.[0]?.Aliases).toContain('api');
      const migrate = await serviceOf(project, 'migrate');
      expect(migrate.Spec.Mode?.ReplicatedJob).toBeDefined();
      const networks = await client.listNetworks({ filters: { name: [`${project}-net`] } });
      expect(networks[0]).toMatchObject({ Driver: 'overlay', Scope: 'swarm' });

      const report = await runs.cleanup(project, { target: 'swarm', volumes: true });
      expect(report.errors).toEqual([]);
      expect(report.services).toBe(4);
      expect(report.secrets).toBe(1);
      expect(report.configs).toBe(1);
      expect(await leftovers(project)).toEqual([]);
      await runs.dispose();
    },
  );

  it(
    'converges: up twice leaves the service’s version alone; a changed environment updates it in place',
    { timeout: 240_000 },
    async () => {
      const { project, runs, up } = setup();
      const spec = (greeting: string) =>
        topology(project, {
          web: {
            kind: 'service',
            image: BUSYBOX_IMAGE,
            command: ['sleep', '3600'],
            replicas: 2,
            environment: { GREETING: greeting },
            stopGracePeriod: '1s',
          },
        });
      try {
        const first = await up(spec('hello'));
        expect(first.state, JSON.stringify(first.nodes)).toBe('succeeded');
        expect(first.nodes.web?.action).toBe('created');
        const created = await serviceOf(project, 'web');

        const second = await up(spec('hello'));
        expect(second.state).toBe('succeeded');
        expect(second.nodes.web?.action).toBe('reused');
        const unchanged = await serviceOf(project, 'web');
        expect(unchanged.Version.Index).toBe(created.Version.Index);
        expect(unchanged.ID).toBe(created.ID);

        const third = await up(spec('bonjour'));
        expect(third.state, JSON.stringify(third.nodes)).toBe('succeeded');
        expect(third.nodes.web?.action).toBe('updated');
        expect(third.nodes.web?.tasks).toEqual({ running: 2, desired: 2 });
        const updated = await serviceOf(project, 'web');
        expect(updated.ID).toBe(created.ID);
        expect(updated.Version.Index).toBeGreaterThan(created.Version.Index);
        expect(updated.Spec.TaskTemplate.ContainerSpec.Env).toContain('GREETING=bonjour');
        const running = (await tasksOf(updated)).filter((t) => t.DesiredState === 'running');
        expect(running).toHaveLength(2);
        for (const task of running)
          expect(task.Spec?.ContainerSpec?.Labels?.[LABELS.configHash]).toBe(
            updated.Spec.Labels?.[LABELS.configHash],
          );
      } finally {
        await runs.cleanup(project, { target: 'swarm' });
        await runs.dispose();
      }
      expect(await leftovers(project)).toEqual([]);
    },
  );

  it('refuses what a Swarm cannot apply, before anything is created', async () => {
    const { project, runs } = setup();
    const spec = topology(project, {
      box: { kind: 'service', image: BUSYBOX_IMAGE, containerName: 'box', shmSize: '64m' },
    });
    const refusal = await runs
      .start({ topology: spec, idempotencyKey: `refuse-${project}`, target: 'swarm' })
      .then(
        () => undefined,
        (error: unknown) =>
          error as { code: string; details?: { problems?: Array<{ code: string; path: string[] }> } },
      );
    expect(refusal?.code).toBe('INVALID_INPUT');
    expect(refusal?.details?.problems?.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['UNSUPPORTED_FIELD', 'spec.nodes.box.containerName'],
      ['UNSUPPORTED_FIELD', 'spec.nodes.box.shmSize'],
    ]);
    expect(await leftovers(project)).toEqual([]);
    await runs.dispose();
  });
});
