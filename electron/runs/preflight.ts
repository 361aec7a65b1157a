import { existsSync, mkdirSync, statSync } from 'node:fs';
import { isContainer, problem, type PathSegment, type Problem, type Topology } from '../../shared/topology';
import { contextInsideFolder } from './context-folder';
import { resolveHostPath } from './host-paths';
import { placeholderProblems } from './placeholder-checks';

/** A bind source folder to create before the run (Compose's short syntax creates it too). */
export interface MissingBindSource {
  readonly nodeId: string;
  readonly path: string;
}

export interface PreflightResult {
  /** Errors block the run; warnings are told in the run's log. */
  readonly problems: Problem[];
  readonly create: MissingBindSource[];
}

export interface PreflightOptions {
  /** Build contexts may lie outside the topology's folder (`up --allow-outside-context`). */
  readonly allowOutsideContext?: boolean;
  /** The remote engine (its address) whose host the bind sources are on; undefined for a local one. */
  readonly remoteEngine?: string;
}

const nodePath = (id: string, ...rest: PathSegment[]): PathSegment[] => ['spec', 'nodes', id, ...rest];

/**
 * What the topology names on this machine, checked before anything starts: env files, secret and
 * config sources, bind sources and build contexts exist (relative to `baseDir`, `~` the home
 * folder). A missing bind source is created when the node allows it (`createHostPath` not false),
 * with a warning; otherwise it is an error naming the path, as is every other missing file. A
 * build context must lie inside the topology's folder (a build sends the whole folder to the
 * engine), unless allowed. `${VAR}` placeholders are checked against `env`.
 */
export function preflight(
  topology: Topology,
  baseDir: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  options: PreflightOptions = {},
): PreflightResult {
  const problems: Problem[] = [];
  const create: MissingBindSource[] = [];
  const located = (
    nodeId: string | undefined,
    path: PathSegment[],
    value: string,
    what: string,
  ): string | undefined => {
    const absolute = resolveHostPath(value, baseDir);
    if (absolute === undefined) {
      problems.push(
        problem(
          'PATH_RELATIVE_WITHOUT_FOLDER',
          `${nodeId ? `"${nodeId}": ` : ''}${what} ${value} is relative, but the topology has no folder: save it, or make the path absolute.`,
          path,
          nodeId ? { nodeId } : {},
        ),
      );
    }
    return absolute;
  };
  const missing = (
    nodeId: string | undefined,
    path: PathSegment[],
    value: string,
    absolute: string,
    what: string,
  ) =>
    problems.push(
      problem(
        'PATH_MISSING',
        `${nodeId ? `"${nodeId}": ` : ''}${what} ${value} does not exist${absolute !== value ? ` (${absolute})` : ''}.`,
        path,
        nodeId ? { nodeId } : {},
      ),
    );

  const usedSources = { secrets: new Map<string, string>(), configs: new Map<string, string>() };
  for (const [id, node] of Object.entries(topology.spec.nodes)) {
    if (!isContainer(node)) continue;
    node.envFiles?.forEach((file, i) => {
      const absolute = located(id, nodePath(id, 'envFiles', i), file, 'env file');
      if (absolute !== undefined && !existsSync(absolute))
        missing(id, nodePath(id, 'envFiles', i), file, absolute, 'env file');
    });
    if (node.build) {
      const absolute = located(id, nodePath(id, 'build', 'context'), node.build.context, 'build context');
      if (absolute !== undefined && !existsSync(absolute))
        missing(id, nodePath(id, 'build', 'context'), node.build.context, absolute, 'build context');
      else if (
        absolute !== undefined &&
        !options.allowOutsideContext &&
        !contextInsideFolder(absolute, baseDir)
      )
        problems.push(
          problem(
            'BUILD_CONTEXT_OUTSIDE',
            `"${id}": build context ${absolute} is outside the topology's folder${baseDir ? ` (${baseDir})` : ''}: a build sends the whole context to the engine. Move it inside, or allow it (dockwright up --allow-outside-context).`,
            nodePath(id, 'build', 'context'),
            { nodeId: id },
          ),
        );
    }
    node.mounts?.forEach((mount, i) => {
      if (mount.type !== 'bind') return;
      const path = nodePath(id, 'mounts', i, 'source');
      const absolute = located(id, path, mount.source, 'bind source');
      if (absolute !== undefined && options.remoteEngine !== undefined) {
        problems.push(
          problem(
            'BIND_SOURCE_REMOTE',
            `"${id}": bind source ${absolute} is a path on the engine's host (${options.remoteEngine}): it is not checked or created from here, and the engine refuses the container if it is missing there.`,
            path,
            { nodeId: id },
          ),
        );
        return;
      }
      if (absolute === undefined || existsSync(absolute)) return;
      if (mount.createHostPath === false) {
        missing(id, path, mount.source, absolute, 'bind source');
        return;
      }
      create.push({ nodeId: id, path: absolute });
      problems.push(
        problem(
          'BIND_SOURCE_CREATED',
          `"${id}": bind source ${absolute} does not exist; it is created as an empty folder (set \`createHostPath: false\` to refuse instead).`,
          path,
          { nodeId: id },
        ),
      );
    });
    for (const family of ['secrets', 'configs'] as const) {
      for (const grant of node[family] ?? []) {
        if (!usedSources[family].has(grant.source)) usedSources[family].set(grant.source, id);
      }
    }
  }
  for (const family of ['secrets', 'configs'] as const) {
    for (const [name, user] of usedSources[family]) {
      const source = topology.spec[family]?.[name];
      if (!source) continue;
      const path: PathSegment[] = ['spec', family, name];
      if (source.file !== undefined) {
        const absolute = located(
          user,
          [...path, 'file'],
          source.file,
          `${family === 'secrets' ? 'secret' : 'config'} file`,
        );
        if (absolute !== undefined && !(existsSync(absolute) && statSync(absolute).isFile()))
          missing(
            user,
            [...path, 'file'],
            source.file,
            absolute,
            `${family === 'secrets' ? 'secret' : 'config'} file`,
          );
      } else if (source.environment !== undefined && env[source.environment] === undefined) {
        problems.push(
          problem(
            'PATH_MISSING',
            `${family === 'secrets' ? 'Secret' : 'Config'} "${name}" comes from the variable ${source.environment}, which is not set.`,
            [...path, 'environment'],
            { nodeId: user },
          ),
        );
      }
    }
  }
  problems.push(...placeholderProblems(topology, env));
  return { problems, create };
}

/** Creates the missing bind source folders the preflight allowed. */
export function createBindSources(sources: readonly MissingBindSource[]): void {
  for (const source of sources) mkdirSync(source.path, { recursive: true });
}
