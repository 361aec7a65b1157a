import { LABELS } from '../docker/labels';

/** Labels of one Swarm object of a deploy: the project's, and `dockwright.target=swarm`. */
export interface SwarmLabelInput {
  readonly project: string;
  /** The node id (empty for the project's default network; the source name for secrets and configs). */
  readonly node: string;
  readonly kind: string;
  readonly wave?: number;
}

/**
 * Dockwright's labels on what a Swarm deploy creates (services, networks, secrets, configs and the
 * volumes the nodes create), after the node's own (Dockwright's win). The run label is left out
 * here: it changes every run, and these labels are hashed.
 */
export function swarmLabels(
  input: SwarmLabelInput,
  own: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    ...own,
    [LABELS.project]: input.project,
    [LABELS.node]: input.node,
    [LABELS.kind]: input.kind,
    [LABELS.target]: 'swarm',
    ...(input.wave !== undefined ? { [LABELS.wave]: String(input.wave) } : {}),
  };
}

/**
 * Labels of a task's container: the node's own and the node id, with the project under
 * `dockwright.swarm.project`, so the engine target's cleanup, recovery and health monitor (which
 * find containers by `dockwright.project`) leave the orchestrator's containers to it.
 */
export function taskContainerLabels(
  project: string,
  nodeId: string,
  own: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return { ...own, [LABELS.swarmProject]: project, [LABELS.node]: nodeId, [LABELS.target]: 'swarm' };
}

/** Engine list filters for the project's task containers (on the node asked). */
export function taskContainerFilter(project: string): { label: string[] } {
  return { label: [`${LABELS.swarmProject}=${project}`, `${LABELS.target}=swarm`] };
}

/** Engine list filters for the project's Swarm objects. */
export function swarmProjectFilter(project: string): { label: string[] } {
  return { label: [`${LABELS.project}=${project}`, `${LABELS.target}=swarm`] };
}
