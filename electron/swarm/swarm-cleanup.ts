import type { DockerClient } from '../docker/docker-client';
import { statusOf } from '../docker/engine-errors';
import { LABELS } from '../docker/labels';
import type { TargetCleanupReport } from '../runs/run-target';
import { SWARM_DEADLINES } from './swarm-deadlines';
import { swarmProjectFilter, taskContainerFilter } from './swarm-labels';

/** Task states in which a task's container no longer runs (nothing of it holds a network). */
const ENDED_TASK_STATES = new Set(['complete', 'failed', 'shutdown', 'rejected', 'orphaned', 'remove']);

export interface SwarmCleanupOptions {
  /** Remove the project's named volumes too (on this node; see docs/swarm.md). */
  volumes?: boolean;
  onRemoved?: (what: string, error?: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Still held by a task that is going away: worth another try in a moment. */
const busy = (error: unknown): boolean =>
  statusOf(error) === 409 ||
  /in use|active endpoints|is being used|has active/i.test((error as Error)?.message ?? '');

/**
 * Removes a Swarm deploy of the project, found by label: its services wave by wave in reverse
 * plan order; once their tasks are gone, its overlay networks, secrets and configs; named volumes
 * only when asked. An object still held by a task on its way out is tried again until
 * SWARM_DEADLINES.releaseMs; one already gone counts as removed.
 */
export async function cleanupSwarm(
  client: DockerClient,
  project: string,
  options: SwarmCleanupOptions = {},
): Promise<TargetCleanupReport> {
  const onRemoved = options.onRemoved ?? (() => {});
  const filters = swarmProjectFilter(project);
  const report: TargetCleanupReport = {
    containers: 0,
    networks: 0,
    volumes: 0,
    services: 0,
    secrets: 0,
    configs: 0,
    volumesKept: [],
    errors: [],
  };
  const deadline = Date.now() + SWARM_DEADLINES.releaseMs;
  const attempt = async (what: string, remove: () => Promise<unknown>): Promise<boolean> => {
    for (;;) {
      try {
        await remove();
        onRemoved(what);
        return true;
      } catch (error) {
        if (statusOf(error) === 404) {
          onRemoved(what);
          return true;
        }
        if (busy(error) && Date.now() < deadline) {
          await sleep(500);
          continue;
        }
        const message = (error as Error).message;
        report.errors.push(`${what}: ${message}`);
        onRemoved(what, message);
        return false;
      }
    }
  };
  const count = (results: boolean[]) => results.filter(Boolean).length;

  const services = await client.listServices({ filters });
  const waves = [...new Set(services.map((s) => Number(s.Spec.Labels?.[LABELS.wave] ?? 0)))].sort(
    (a, b) => b - a,
  );
  for (const wave of waves) {
    const inWave = services.filter((s) => Number(s.Spec.Labels?.[LABELS.wave] ?? 0) === wave);
    report.services! += count(
      await Promise.all(
        inWave.map((s) => attempt(`service ${s.Spec.Name}`, () => client.removeService(s.ID))),
      ),
    );
  }
  // A removed service's tasks stop on every node; their networks can go once none runs. A task
  // that already ended (a job's completed task) may stay listed for a long while: it holds
  // nothing, so it is not waited for. (A filter by service fails once the service is gone: the
  // tasks are picked out here.)
  const ids = new Set(services.map((s) => s.ID));
  while (ids.size > 0 && Date.now() < deadline) {
    const left = (await client.listTasks()).filter(
      (task) => ids.has(task.ServiceID) && !ENDED_TASK_STATES.has(task.Status.State),
    );
    if (left.length === 0) break;
    await sleep(250);
  }
  // A job's completed task keeps its stopped container on its node after the service is gone (the
  // engine does not remove it): those on this node go here. Other nodes keep theirs (docs).
  const stopped = (await client.listContainers({ all: true, filters: taskContainerFilter(project) })).filter(
    (c) => c.State !== 'running',
  );
  report.containers += count(
    await Promise.all(
      stopped.map((c) =>
        attempt(`container ${c.Names[0]?.replace(/^\//, '') ?? c.Id}`, () =>
          client.removeContainer(c.Id, { force: true }),
        ),
      ),
    ),
  );

  const [networks, secrets, configs] = await Promise.all([
    client.listNetworks({ filters }),
    client.listSecrets({ filters }),
    client.listConfigs({ filters }),
  ]);
  const [removedNetworks, removedSecrets, removedConfigs] = await Promise.all([
    Promise.all(networks.map((n) => attempt(`network ${n.Name}`, () => client.removeNetwork(n.Id)))),
    Promise.all(secrets.map((s) => attempt(`secret ${s.Spec.Name}`, () => client.removeSecret(s.ID)))),
    Promise.all(configs.map((c) => attempt(`config ${c.Spec.Name}`, () => client.removeConfig(c.ID)))),
  ]);
  report.networks = count(removedNetworks);
  report.secrets = count(removedSecrets);
  report.configs = count(removedConfigs);

  const volumes = await client.listVolumes({ filters });
  if (!options.volumes) {
    report.volumesKept = volumes.map((v) => v.Name).sort();
    return report;
  }
  report.volumes = count(
    await Promise.all(volumes.map((v) => attempt(`volume ${v.Name}`, () => client.removeVolume(v.Name)))),
  );
  return report;
}
