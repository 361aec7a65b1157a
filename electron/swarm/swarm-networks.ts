import type { NetworkNode } from '../../shared/topology';
import { configHash } from '../docker/config-hash';
import type { DockerClient, NetworkCreateBody, NetworkInspect } from '../docker/docker-client';
import { statusOf } from '../docker/engine-errors';
import { isSwarmResource, LABELS } from '../docker/labels';
import { TaskError } from '../executor';
import type { NodeOutcome } from '../runs/node-runner';
import { swarmLabels } from './swarm-labels';

export interface SwarmNetworkInput {
  readonly project: string;
  /** The node id; empty for the project's default network. */
  readonly nodeId: string;
  readonly name: string;
  readonly wave: number;
  /** The network node; none for the default network. */
  readonly node?: NetworkNode;
}

/** A network node as an overlay network: attachable, so `docker run --network` can join it too. */
export function overlayBody(input: SwarmNetworkInput): Omit<NetworkCreateBody, 'Labels'> {
  const node = input.node;
  return {
    Name: input.name,
    Driver: 'overlay',
    Attachable: true,
    CheckDuplicate: true,
    ...(node?.internal ? { Internal: true } : {}),
    ...(node?.enableIpv6 ? { EnableIPv6: true } : {}),
    ...(node?.driverOpts ? { Options: node.driverOpts } : {}),
    ...(node?.subnets?.length
      ? {
          IPAM: {
            Driver: 'default',
            Config: node.subnets.map((s) => ({
              Subnet: s.subnet,
              ...(s.gateway ? { Gateway: s.gateway } : {}),
              ...(s.ipRange ? { IPRange: s.ipRange } : {}),
            })),
          },
        }
      : {}),
  };
}

async function findNetwork(client: DockerClient, name: string): Promise<NetworkInspect | undefined> {
  // The name filter matches parts of names: the exact one is picked here.
  return (await client.listNetworks({ filters: { name: [name] } })).find((n) => n.Name === name);
}

/**
 * Makes sure an overlay network is there: an external one must exist with swarm scope; the
 * project's own is created, or reused. A network's settings cannot change while services use
 * it: a changed one is kept, with a warning (`down` then `up` applies the change).
 */
export async function ensureSwarmNetwork(
  client: DockerClient,
  input: SwarmNetworkInput,
): Promise<NodeOutcome> {
  const existing = await findNetwork(client, input.name);
  if (input.node?.external) {
    if (!existing) throw new TaskError('fatal', `external network ${input.name} does not exist`);
    if (existing.Scope !== 'swarm')
      throw new TaskError(
        'fatal',
        `external network ${input.name} is ${existing.Scope ?? 'local'}-scoped; Swarm services need a swarm-scoped (overlay) network`,
      );
    return { action: 'reused', containerIds: [], detail: 'external' };
  }
  const body = overlayBody(input);
  const hash = configHash(body);
  if (existing) {
    if (!isSwarmResource(existing.Labels) || existing.Labels?.[LABELS.project] !== input.project)
      throw new TaskError(
        'fatal',
        `network ${input.name} exists and is not this project's Swarm network (is the project running on the engine? \`dockwright down\` it first)`,
      );
    if (existing.Labels?.[LABELS.configHash] === hash) return { action: 'reused', containerIds: [] };
    return {
      action: 'reused',
      containerIds: [],
      detail: `network ${input.name} has other settings; kept (\`down\` then \`up\` applies the change)`,
    };
  }
  const labels = {
    ...swarmLabels(
      { project: input.project, node: input.nodeId, kind: 'network', wave: input.wave },
      input.node?.labels,
    ),
    [LABELS.configHash]: hash,
  };
  try {
    await client.createNetwork({ ...body, Labels: labels });
  } catch (error) {
    // Created by a concurrent deploy of the same project: reuse it.
    if (statusOf(error) !== 409) throw error;
    if (!(await findNetwork(client, input.name))) throw error;
    return { action: 'reused', containerIds: [] };
  }
  return { action: 'created', containerIds: [] };
}
