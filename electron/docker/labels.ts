/** Labels on every resource Dockwright creates: cleanup and crash recovery find resources by these. */
export const LABELS = {
  project: 'dockwright.project',
  node: 'dockwright.node',
  run: 'dockwright.run',
  configHash: 'dockwright.config-hash',
  /** The plan wave the resource belongs to: cleanup goes through waves in reverse, without the file. */
  wave: 'dockwright.wave',
  kind: 'dockwright.kind',
  replica: 'dockwright.replica',
  /** A digest of the secrets and configs copied into a container (a changed one recreates it). */
  files: 'dockwright.files',
  /** `swarm` on what a Swarm deploy created (services, overlay networks, secrets, configs, volumes). */
  target: 'dockwright.target',
  /** The project, on a Swarm task's container (which the engine target's cleanup and health leave alone). */
  swarmProject: 'dockwright.swarm.project',
} as const;

/** Whether a resource belongs to the Swarm target (the engine target leaves those to it). */
export const isSwarmResource = (labels: Readonly<Record<string, string>> | null | undefined): boolean =>
  labels?.[LABELS.target] === 'swarm';

export function projectFilter(project: string): { label: string[] } {
  return { label: [`${LABELS.project}=${project}`] };
}

/** Deterministic Docker names: `<project>-<node>[-<replica>]`. */
export function resourceName(project: string, node: string, replica?: number): string {
  return replica === undefined ? `${project}-${node}` : `${project}-${node}-${replica}`;
}
