import type { DockerClient, ServiceInspect, TaskInspect } from '../docker/docker-client';
import { LABELS } from '../docker/labels';
import { swarmProjectFilter } from './swarm-labels';

export interface SwarmTaskStatus {
  /** `<service>.<slot>` (a job's task: `<service>.<task id>`). */
  readonly name: string;
  /** The Swarm node's host name (its id when the node is unknown). */
  readonly node: string;
  readonly state: string;
  readonly desiredState: string;
  /** When it entered its state. */
  readonly since?: string;
  readonly error?: string;
}

export interface SwarmServiceStatus {
  readonly name: string;
  readonly nodeId: string;
  readonly kind: string;
  readonly mode: 'replicated' | 'job';
  /** Tasks running (a job's: completed) and wanted. */
  readonly running: number;
  readonly desired: number;
  readonly tasks: SwarmTaskStatus[];
}

export interface SwarmProjectStatus {
  readonly project: string;
  readonly services: SwarmServiceStatus[];
  readonly networks: string[];
  readonly secrets: string[];
  readonly configs: string[];
  /** Named volumes on this node (each node has its own). */
  readonly volumes: string[];
}

function serviceStatus(
  service: ServiceInspect,
  tasks: readonly TaskInspect[],
  hosts: ReadonlyMap<string, string>,
): SwarmServiceStatus {
  const job = service.Spec.Mode?.ReplicatedJob !== undefined;
  const iteration = service.JobStatus?.JobIteration?.Index ?? 0;
  // A service's tasks that are meant to run; a job's tasks of its latest run.
  const shown = tasks
    .filter((t) => (job ? (t.JobIteration?.Index ?? 0) === iteration : t.DesiredState === 'running'))
    .sort((a, b) => (a.Slot ?? 0) - (b.Slot ?? 0) || (a.CreatedAt ?? '').localeCompare(b.CreatedAt ?? ''));
  const desired = job
    ? (service.Spec.Mode?.ReplicatedJob?.TotalCompletions ?? 1)
    : (service.Spec.Mode?.Replicated?.Replicas ?? 1);
  const reached = shown.filter((t) => t.Status.State === (job ? 'complete' : 'running')).length;
  return {
    name: service.Spec.Name,
    nodeId: service.Spec.Labels?.[LABELS.node] ?? '',
    kind: service.Spec.Labels?.[LABELS.kind] ?? '',
    mode: job ? 'job' : 'replicated',
    running: Math.min(reached, desired),
    desired,
    tasks: shown.map((t) => ({
      name:
        job || t.Slot === undefined
          ? `${service.Spec.Name}.${t.ID.slice(0, 12)}`
          : `${service.Spec.Name}.${t.Slot}`,
      node: hosts.get(t.NodeID ?? '') ?? t.NodeID ?? '',
      state: t.Status.State,
      desiredState: t.DesiredState,
      ...(t.Status.Timestamp ? { since: t.Status.Timestamp } : {}),
      ...(t.Status.Err ? { error: t.Status.Err } : {}),
    })),
  };
}

/**
 * What Swarm deploys of Dockwright projects there are (or of one project): services with their
 * tasks per node, and the project's networks, secrets, configs and (this node's) volumes.
 */
export async function swarmStatus(client: DockerClient, project?: string): Promise<SwarmProjectStatus[]> {
  const filters = project ? swarmProjectFilter(project) : { label: [`${LABELS.target}=swarm`] };
  const [services, nodes, networks, secrets, configs, volumes] = await Promise.all([
    client.listServices({ filters }),
    client.listNodes(),
    client.listNetworks({ filters }),
    client.listSecrets({ filters }),
    client.listConfigs({ filters }),
    client.listVolumes({ filters }),
  ]);
  const tasks =
    services.length > 0 ? await client.listTasks({ filters: { service: services.map((s) => s.ID) } }) : [];
  const hosts = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.ID]));
  const projectOf = (labels: Record<string, string> | null | undefined) => labels?.[LABELS.project] ?? '';
  const names = new Set<string>(project ? [project] : []);
  for (const labels of [
    ...services.map((s) => s.Spec.Labels),
    ...networks.map((n) => n.Labels),
    ...secrets.map((s) => s.Spec.Labels),
    ...configs.map((c) => c.Spec.Labels),
    ...volumes.map((v) => v.Labels),
  ])
    if (projectOf(labels)) names.add(projectOf(labels));
  return [...names].sort().map((name) => ({
    project: name,
    services: services
      .filter((s) => projectOf(s.Spec.Labels) === name)
      .sort(
        (a, b) =>
          Number(a.Spec.Labels?.[LABELS.wave] ?? 0) - Number(b.Spec.Labels?.[LABELS.wave] ?? 0) ||
          a.Spec.Name.localeCompare(b.Spec.Name),
      )
      .map((s) =>
        serviceStatus(
          s,
          tasks.filter((t) => t.ServiceID === s.ID),
          hosts,
        ),
      ),
    networks: networks
      .filter((n) => projectOf(n.Labels) === name)
      .map((n) => n.Name)
      .sort(),
    secrets: secrets
      .filter((s) => projectOf(s.Spec.Labels) === name)
      .map((s) => s.Spec.Name)
      .sort(),
    configs: configs
      .filter((c) => projectOf(c.Spec.Labels) === name)
      .map((c) => c.Spec.Name)
      .sort(),
    volumes: volumes
      .filter((v) => projectOf(v.Labels) === name)
      .map((v) => v.Name)
      .sort(),
  }));
}
