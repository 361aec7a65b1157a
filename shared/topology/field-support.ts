import { isContainer, type Topology } from './model';
import { problem, type PathSegment, type Problem } from './problem';

/** What the target engine can do, as far as fields depend on it. */
export interface EngineCapabilities {
  /** The engine's API version, e.g. `1.41` (Docker 20.10). */
  readonly apiVersion: string;
  /** Container runtimes the engine has (`runc`, ...); unknown when absent. */
  readonly runtimes?: readonly string[];
}

/** `1.41` -> 141 for comparisons; unknown versions compare as the oldest. */
function apiLevel(version: string): number {
  const match = /^(\d+)\.(\d+)$/.exec(version);
  return match ? Number(match[1]) * 100 + Number(match[2]) : 0;
}

const nodePath = (id: string, ...rest: PathSegment[]): PathSegment[] => ['spec', 'nodes', id, ...rest];

/**
 * Fields the model accepts that this engine (a plain Docker engine, not a Swarm) cannot apply.
 * Each is an UNSUPPORTED_FIELD error naming the node and the field: the run is refused before
 * anything starts, rather than the field being dropped.
 */
export function unsupportedFields(topology: Topology, engine: EngineCapabilities): Problem[] {
  const out: Problem[] = [];
  const level = apiLevel(engine.apiVersion);
  const refuse = (nodeId: string | undefined, path: PathSegment[], what: string, why: string) =>
    out.push(
      problem(
        'UNSUPPORTED_FIELD',
        `${nodeId ? `"${nodeId}": ` : ''}${what} cannot be applied: ${why}.`,
        path,
        {
          ...(nodeId ? { nodeId } : {}),
        },
      ),
    );
  for (const [id, node] of Object.entries(topology.spec.nodes)) {
    if (!isContainer(node)) continue;
    if (node.kind === 'service' && node.healthcheck?.startInterval !== undefined && level < 144)
      refuse(
        id,
        nodePath(id, 'healthcheck', 'startInterval'),
        '`healthcheck.startInterval`',
        `it needs Docker API 1.44 or newer, and this engine speaks ${engine.apiVersion}`,
      );
    node.mounts?.forEach((mount, i) => {
      if (mount.type === 'volume' && mount.subpath !== undefined && level < 145)
        refuse(
          id,
          nodePath(id, 'mounts', i, 'subpath'),
          '`subpath` of a volume mount',
          `it needs Docker API 1.45 or newer, and this engine speaks ${engine.apiVersion}`,
        );
    });
    if (node.resources?.reservations?.cpus !== undefined)
      refuse(
        id,
        nodePath(id, 'resources', 'reservations', 'cpus'),
        '`resources.reservations.cpus`',
        'a plain Docker engine has no CPU reservation (only a Swarm does); use `resources.limits.cpus`',
      );
    if (
      node.runtime !== undefined &&
      engine.runtimes !== undefined &&
      !engine.runtimes.includes(node.runtime)
    )
      refuse(
        id,
        nodePath(id, 'runtime'),
        `runtime "${node.runtime}"`,
        `this engine has only ${engine.runtimes.map((r) => `"${r}"`).join(', ')}`,
      );
  }
  for (const family of ['secrets', 'configs'] as const) {
    for (const [name, source] of Object.entries(topology.spec[family] ?? {})) {
      if (source.external)
        refuse(
          undefined,
          ['spec', family, name, 'external'],
          `external ${family === 'secrets' ? 'secret' : 'config'} "${name}"`,
          'external secrets and configs live in a Swarm; a plain engine has none (give a file, environment or content)',
        );
    }
  }
  return out;
}
