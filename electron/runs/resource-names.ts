import { isContainer, type Topology } from '../../shared/topology';
import { resourceName } from '../docker/labels';
import type { ResourceNames } from './container-options';

/** Docker names for a run of `topology` as `project`. */
export function namesFor(project: string, topology: Topology): ResourceNames {
  const dockerName = (nodeId: string) => {
    const node = topology.spec.nodes[nodeId];
    const explicit =
      node && (node.kind === 'network' || node.kind === 'volume') ? node.dockerName : undefined;
    return explicit ?? resourceName(project, node?.name ?? nodeId);
  };
  return {
    network: dockerName,
    volume: dockerName,
    container: (nodeId) => containerName(project, topology, nodeId, 0),
    defaultNetwork: resourceName(project, 'default'),
  };
}

/** A node's container: its fixed `containerName`, or `<project>-<node>[-<replica>]` (1-based when replicated). */
export function containerName(project: string, topology: Topology, nodeId: string, index: number): string {
  const node = topology.spec.nodes[nodeId];
  if (node && isContainer(node) && node.containerName) return node.containerName;
  const replicas = node?.kind === 'service' ? Math.max(1, node.replicas ?? 1) : 1;
  return resourceName(project, nodeId, replicas > 1 ? index + 1 : undefined);
}

/**
 * Runs topologies on the engine: one run per idempotency key, per-node state as events and in
 * the run history, cancel, cleanup by label, and discovery of resources left by earlier sessions.
 */
