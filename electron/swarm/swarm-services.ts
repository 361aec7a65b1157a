import type { DockerClient, ServiceInspect, ServiceSpec } from '../docker/docker-client';
import { isSwarmResource, LABELS } from '../docker/labels';
import { TaskError } from '../executor';

export interface EnsuredService {
  readonly id: string;
  readonly action: 'created' | 'reused' | 'updated';
  /** The service as it is after this (its version, creation and update times, job iteration). */
  readonly service: ServiceInspect;
}

export async function findService(client: DockerClient, name: string): Promise<ServiceInspect | undefined> {
  // The engine's name filter matches prefixes: the exact name is picked here.
  return (await client.listServices({ filters: { name: [name] } })).find((s) => s.Spec.Name === name);
}

const outOfSequence = (error: unknown) => /out of sequence/i.test((error as Error)?.message ?? '');

/**
 * Converges one Swarm service on its spec: created when missing, left alone when its hash label
 * is unchanged, updated in place (a rolling update, with the version just inspected) when it
 * changed. `force` updates an unchanged one anyway (its tasks are replaced): a dependent with
 * `restart: true` whose dependency was updated, or a job that is to run again.
 */
export async function ensureService(
  client: DockerClient,
  spec: ServiceSpec,
  project: string,
  options: { force?: boolean } = {},
): Promise<EnsuredService> {
  const hash = spec.Labels?.[LABELS.configHash];
  for (let attempt = 1; ; attempt++) {
    const existing = await findService(client, spec.Name);
    if (!existing) {
      const { id } = await client.createService(spec);
      return { id, action: 'created', service: await client.inspectService(id) };
    }
    if (!isSwarmResource(existing.Spec.Labels) || existing.Spec.Labels?.[LABELS.project] !== project)
      throw new TaskError('fatal', `service ${spec.Name} exists and is not one of project ${project}'s`);
    const same = existing.Spec.Labels?.[LABELS.configHash] === hash;
    if (same && !options.force) return { id: existing.ID, action: 'reused', service: existing };
    const forceUpdate = (existing.Spec.TaskTemplate.ForceUpdate ?? 0) + (options.force ? 1 : 0);
    const next: ServiceSpec = { ...spec, TaskTemplate: { ...spec.TaskTemplate, ForceUpdate: forceUpdate } };
    try {
      await client.updateService(existing.ID, existing.Version.Index, next);
    } catch (error) {
      // Someone updated it between our inspect and our update: look again, once.
      if (attempt < 2 && outOfSequence(error)) continue;
      throw error;
    }
    return { id: existing.ID, action: 'updated', service: await client.inspectService(existing.ID) };
  }
}
