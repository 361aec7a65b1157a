import { topologyFromValue } from '../topology/document';
import { isContainer, type Topology } from '../topology/model';
import { problem, type PathSegment, type Problem } from '../topology/problem';
import { DEFAULT_YAML_LIMITS, readYaml, type YamlLimits } from '../topology/yaml-source';
import { isRecord } from './import-context';
import { importComposeValue } from './import';
import type { Environment } from './interpolate';

export type DocumentFormat = 'topology' | 'compose';

export type LoadedDocument =
  | {
      readonly ok: true;
      readonly format: DocumentFormat;
      readonly topology: Topology;
      /** Notes and warnings from loading (migration, import); never errors. */
      readonly problems: Problem[];
      /** Adds source line/column to problems about the topology (e.g. from validate()). */
      readonly locate: (problems: readonly Problem[]) => Problem[];
    }
  | { readonly ok: false; readonly format: DocumentFormat | 'unknown'; readonly problems: Problem[] };

const COMPOSE_FILE_NAME = /(^|[\\/])(docker-)?compose[^\\/]*\.ya?ml$/i;

/**
 * Loads either a Dockwright topology or a Compose file from its text, telling them apart by
 * content (`apiVersion`/`kind` vs `services`), with the file name as a tie-breaker for errors.
 * The CLI and the editor both open files through here.
 */
export function loadDocument(
  text: string,
  fileName = '',
  env: Environment = {},
  limits: YamlLimits = DEFAULT_YAML_LIMITS,
): LoadedDocument {
  const read = readYaml(text, limits);
  const guess: DocumentFormat | 'unknown' = COMPOSE_FILE_NAME.test(fileName) ? 'compose' : 'unknown';
  if (!read.ok) return { ok: false, format: guess, problems: read.problems };
  const value = read.value;
  const format = detectFormat(value);
  if (format === undefined) {
    return {
      ok: false,
      format: guess,
      problems: [
        problem(
          'DOCUMENT_UNKNOWN',
          'This is neither a Dockwright topology (apiVersion, kind: Topology) nor a Compose file (services).',
          [],
        ),
      ],
    };
  }
  if (format === 'topology') {
    const result = topologyFromValue(value);
    if (!result.ok) return { ok: false, format, problems: read.source.locateAll(result.problems) };
    return {
      ok: true,
      format,
      topology: result.topology,
      problems: read.source.locateAll(result.problems),
      locate: (problems) => read.source.locateAll(problems),
    };
  }
  const result = importComposeValue(value, { env, fileName });
  if (!result.ok) return { ok: false, format, problems: read.source.locateAll(result.problems) };
  const toCompose = composePathMapper(result.topology);
  return {
    ok: true,
    format,
    topology: result.topology,
    problems: read.source.locateAll(result.problems),
    locate: (problems) => read.source.locateAll(problems, toCompose),
  };
}

export function detectFormat(value: unknown): DocumentFormat | undefined {
  if (!isRecord(value)) return undefined;
  if (value['kind'] === 'Topology' || typeof value['apiVersion'] === 'string') return 'topology';
  if ('services' in value) return 'compose';
  return undefined;
}

const FIELD_TO_COMPOSE: Readonly<Record<string, readonly string[]>> = {
  mounts: ['volumes'],
  envFiles: ['env_file'],
  replicas: ['deploy', 'replicas'],
  resources: ['deploy', 'resources'],
  startPeriod: ['start_period'],
  startInterval: ['start_interval'],
};

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Best effort: a topology field path to where the same thing sits in the imported Compose file. */
export function composePathMapper(topology: Topology): (path: readonly PathSegment[]) => PathSegment[] {
  return (path) => {
    const [spec, nodesKey, id, ...rest] = path;
    if (spec !== 'spec' || nodesKey !== 'nodes' || typeof id !== 'string') return [...path];
    const node = topology.spec.nodes[id];
    if (node === undefined) return [];
    const section = isContainer(node) ? 'services' : `${node.kind}s`;
    const mapped = rest.flatMap((segment): readonly PathSegment[] =>
      typeof segment === 'number' ? [segment] : (FIELD_TO_COMPOSE[segment] ?? [snake(segment)]),
    );
    return [section, node.name ?? id, ...mapped];
  };
}
