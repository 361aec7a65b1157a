import type { ContainerNode } from '../../shared/topology';
import type { DockerClient } from '../docker/docker-client';
import { TaskError } from '../executor';
import { readEnvFiles } from '../runs/env-files';
import type { NodeRunnerContext } from '../runs/node-runner';
import { deployedSpec, planService, type PlannedService, type SwarmFileRef } from './service-spec';
import type { SwarmFiles } from './swarm-files';
import { ensureService, type EnsuredService } from './swarm-services';

/** A node deployed as a Swarm service in this run. */
export interface DeployedService extends EnsuredService {
  readonly planned: PlannedService;
  /** Task failures before this (epoch ms) belong to earlier deploys. */
  readonly sinceMs: number;
}

/** The Swarm secrets and configs a node is granted, made (or found) first. */
async function grantedFiles(context: NodeRunnerContext, node: ContainerNode, files: SwarmFiles) {
  const refs = { secrets: new Map<string, SwarmFileRef>(), configs: new Map<string, SwarmFileRef>() };
  for (const family of ['secrets', 'configs'] as const) {
    for (const grant of node[family] ?? []) {
      const source = context.topology.spec[family]?.[grant.source];
      if (!source) throw new TaskError('fatal', `${family} "${grant.source}" is not defined`);
      refs[family].set(grant.source, await files.ensure(family, grant.source, source));
    }
  }
  return refs;
}

/** The node's spec for this run: what its fields say, with its secrets and configs in place. */
export async function plannedFor(
  context: NodeRunnerContext,
  nodeId: string,
  node: ContainerNode,
  files: SwarmFiles,
): Promise<PlannedService> {
  const refs = await grantedFiles(context, node, files);
  try {
    return planService(node, {
      project: context.project,
      topology: context.topology,
      nodeId,
      names: context.names,
      env: context.env,
      envFileVars: readEnvFiles(node.envFiles ?? [], context.baseDir),
      ...(context.baseDir ? { baseDir: context.baseDir } : {}),
      wave: context.waveOf(nodeId),
      secrets: refs.secrets,
      configs: refs.configs,
    });
  } catch (error) {
    throw new TaskError('fatal', (error as Error).message);
  }
}

/**
 * Creates, updates or leaves alone the node's service. A dependent with `restart: true` is
 * updated (its tasks replaced) when this run changed the dependency, as Compose restarts it.
 */
export async function deployService(
  client: DockerClient,
  context: NodeRunnerContext,
  nodeId: string,
  planned: PlannedService,
  options: { force?: boolean } = {},
): Promise<DeployedService> {
  const node = context.topology.spec.nodes[nodeId];
  const followsDependency =
    node?.kind === 'service' &&
    (node.dependsOn ?? []).some((dep) => {
      const action = dep.restart === true ? context.actionOf?.(dep.node) : undefined;
      return action === 'updated' || action === 'recreated';
    });
  const spec = deployedSpec(planned, context.runId, context.runtimeEnv?.(nodeId));
  const startedAt = Date.now();
  const ensured = await ensureService(client, spec, context.project, {
    force: options.force === true || followsDependency,
  });
  if (followsDependency && ensured.action !== 'created')
    context.log(nodeId, 'system', 'updating its tasks: a dependency with `restart: true` was updated');
  const changedAt = Date.parse(ensured.service.UpdatedAt ?? ensured.service.CreatedAt ?? '');
  // The manager's clock may differ from ours by a little: a second of slack either way.
  const sinceMs =
    ensured.action === 'reused' ? startedAt - 1000 : (Number.isNaN(changedAt) ? startedAt : changedAt) - 1000;
  return { ...ensured, planned, sinceMs };
}
