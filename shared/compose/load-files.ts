import { topologyFromValue } from '../topology/document';
import { mergeTopologyDocuments } from '../topology/merge-topologies';
import { isRaw, withoutMarkers, type Raw } from '../topology/merge-values';
import { migrateDocument } from '../topology/migrations';
import { problem, type PathSegment, type Problem } from '../topology/problem';
import { findReservedKeys } from '../topology/reserved-keys';
import { DEFAULT_YAML_LIMITS, type YamlLimits } from '../topology/yaml-source';
import type { FileHost } from './file-host';
import { importComposeValue } from './import';
import { applyIncludes, type IncludeContext } from './include';
import type { Environment } from './interpolate';
import { composePathMapper, detectFormat, type DocumentFormat, type LoadedDocument } from './load-document';
import { mergeComposeDocuments } from './merge-documents';
import { readLayer, type Layer } from './read-layer';

export interface LoadFilesOptions {
  readonly host: FileHost;
  /** Variables for interpolation (the caller merges the first file's `.env` and the shell's). */
  readonly env?: Environment;
  /** How a file is named in messages; the absolute path by default. */
  readonly name?: (path: string) => string;
  readonly limits?: YamlLimits;
}

/**
 * Loads one or more files as one document, as `docker compose -f a -f b` does: Compose files are
 * merged by the Compose spec's merge rules (after each one's `include:` is applied), topology files
 * by the same rules on topology fields; relative paths in every file are relative to the first
 * file's folder, as in Compose. Problems carry the file they are in.
 */
export function loadFiles(paths: readonly string[], options: LoadFilesOptions): LoadedDocument {
  const name = options.name ?? ((p: string) => p);
  const limits = options.limits ?? DEFAULT_YAML_LIMITS;
  const env = options.env ?? {};
  const fail = (problems: Problem[], format: DocumentFormat | 'unknown' = 'unknown'): LoadedDocument => ({
    ok: false,
    format,
    problems,
  });
  const [first] = paths;
  if (first === undefined) return fail([problem('COMPOSE_INVALID', 'No file to load.', [])]);

  const layers: Layer[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    const read = readLayer(path, options.host, limits, name);
    if (read.ok) layers.push(read.layer);
    else if (read.missing)
      problems.push({
        ...problem('COMPOSE_INVALID', `${name(path)} cannot be read (${read.reason}).`, []),
        file: name(path),
      });
    else problems.push(...read.problems);
  }
  if (problems.length > 0) return fail(problems);

  const formats = layers.map((layer) => detectFormat(layer.value));
  const unknown = layers.find((_, i) => formats[i] === undefined);
  if (unknown) {
    return fail([
      {
        ...problem(
          'DOCUMENT_UNKNOWN',
          `${unknown.name} is neither a Dockwright topology (apiVersion, kind: Topology) nor a Compose file (services).`,
          [],
        ),
        file: unknown.name,
      },
    ]);
  }
  const format = formats[0] ?? 'compose';
  if (formats.some((f) => f !== format)) {
    const names = (f: DocumentFormat) =>
      layers
        .filter((_, i) => formats[i] === f)
        .map((l) => l.name)
        .join(', ');
    return fail([
      problem(
        'COMPOSE_INVALID',
        `Cannot merge Dockwright topologies (${names('topology')}) with Compose files (${names('compose')}); give files of one kind.`,
        [],
      ),
    ]);
  }
  return format === 'topology'
    ? mergeTopologies(layers)
    : mergeCompose(layers, { host: options.host, limits, name, layers: [], problems: [] }, env);
}

function mergeTopologies(layers: readonly Layer[]): LoadedDocument {
  let merged: Raw | undefined;
  const notes: Problem[] = [];
  for (const layer of layers) {
    const migrated = migrateDocument(layer.value as Raw);
    const withFile = (ps: readonly Problem[]) =>
      layer.source.locateAll(ps).map((p) => ({ ...p, file: layer.name }));
    if (!migrated.ok) return { ok: false, format: 'topology', problems: withFile(migrated.problems) };
    notes.push(...withFile(migrated.notes));
    merged = merged === undefined ? migrated.doc : mergeTopologyDocuments(merged, migrated.doc);
  }
  const result = topologyFromValue(withoutMarkers(merged));
  const locate = locator(layers, (p) => p);
  if (!result.ok) return { ok: false, format: 'topology', problems: locate(result.problems) };
  return {
    ok: true,
    format: 'topology',
    topology: result.topology,
    problems: [...notes, ...locate(result.problems)],
    locate,
  };
}

function mergeCompose(layers: readonly Layer[], ctx: IncludeContext, env: Environment): LoadedDocument {
  const [first] = layers;
  if (first === undefined) return { ok: false, format: 'compose', problems: [] };
  const projectDir = ctx.host.dirname(first.path);
  let merged: Raw | undefined;
  for (const layer of layers) {
    ctx.layers.push(layer);
    if (!isRaw(layer.value)) continue;
    // Each file's includes are its own; `-f` files are all relative to the first file's folder.
    const resolved = applyIncludes(layer.value, layer, projectDir, env, [], ctx);
    if (resolved === undefined) continue;
    merged = merged === undefined ? resolved : mergeComposeDocuments(merged, resolved);
  }
  if (merged === undefined || ctx.problems.some((p) => p.severity === 'error'))
    return { ok: false, format: 'compose', problems: ctx.problems };
  // A `KEY=value` list merged as a mapping can bring `__proto__` in as a key.
  const reserved = findReservedKeys(merged);
  if (reserved.length > 0)
    return { ok: false, format: 'compose', problems: locator(ctx.layers, (p) => p)(reserved) };
  const result = importComposeValue(withoutMarkers(merged), { env, fileName: first.path });
  if (!result.ok)
    return {
      ok: false,
      format: 'compose',
      problems: [...ctx.problems, ...locator(ctx.layers, (p) => p)(result.problems)],
    };
  const locate = locator(ctx.layers, composePathMapper(result.topology));
  return {
    ok: true,
    format: 'compose',
    topology: result.topology,
    problems: [...ctx.problems, ...locate(result.problems)],
    locate,
  };
}

/** How many segments of `path` exist in `value`. */
function depthIn(value: unknown, path: readonly PathSegment[]): number {
  let node = value;
  let depth = 0;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number' && segment < node.length) node = node[segment];
    else if (isRaw(node) && Object.hasOwn(node, String(segment))) node = node[String(segment)];
    else break;
    depth++;
  }
  return depth;
}

/**
 * Locates a problem in the file that defines its path most deeply (the later file on a tie: it
 * won the merge), and names that file. One file alone is always the one, as loadDocument does.
 */
function locator(
  layers: readonly Layer[],
  mapPath: (path: readonly PathSegment[]) => readonly PathSegment[],
): (problems: readonly Problem[]) => Problem[] {
  return (problems) =>
    problems.map((p) => {
      if (p.line !== undefined) return p;
      const path = mapPath(p.path);
      let best: Layer | undefined = layers.length === 1 ? layers[0] : undefined;
      let bestDepth = 0;
      for (const layer of layers) {
        const depth = depthIn(layer.value, path);
        if (depth > 0 && depth >= bestDepth) {
          best = layer;
          bestDepth = depth;
        }
      }
      if (!best) return p;
      const [located = p] = best.source.locateAll([p], mapPath);
      return { ...located, file: best.name };
    });
}
