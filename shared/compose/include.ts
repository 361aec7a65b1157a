import { problem, type PathSegment, type Problem } from '../topology/problem';
import { isRaw, withoutMarkers, type Raw } from '../topology/merge-values';
import type { YamlLimits } from '../topology/yaml-source';
import { escapeDollars } from './export';
import type { FileHost } from './file-host';
import { interpolateValue, parseDotEnv, type Environment } from './interpolate';
import { mergeComposeDocuments } from './merge-documents';
import { readLayer, type Layer } from './read-layer';
import { rebasePaths } from './rebase-paths';

/*
 * Top-level `include:` (Compose spec, "include"): each entry loads one or more Compose files (merged
 * like `-f`) in their own project directory, interpolated with their own variables, and adds their
 * services, networks, volumes, secrets and configs to the including file. A name defined both there
 * and here (differently) is an error, as in Compose; so are cycles and files that cannot be read.
 */

const RESOURCES = ['services', 'networks', 'volumes', 'secrets', 'configs'] as const;

export interface IncludeContext {
  readonly host: FileHost;
  readonly limits: YamlLimits;
  readonly name: (path: string) => string;
  /** Every file read, in order: problems about the result are located in them. */
  readonly layers: Layer[];
  readonly problems: Problem[];
}

interface IncludeEntry {
  readonly paths: string[];
  readonly projectDirectory?: string;
  readonly envFiles?: string[];
}

function strings(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return value;
  return undefined;
}

function readEntry(value: unknown): IncludeEntry | undefined {
  if (typeof value === 'string') return { paths: [value] };
  if (!isRaw(value)) return undefined;
  const paths = strings(value['path']);
  if (paths === undefined || paths.length === 0) return undefined;
  const dir = value['project_directory'];
  const envFiles = value['env_file'] === undefined ? undefined : strings(value['env_file']);
  if ((dir !== undefined && typeof dir !== 'string') || (value['env_file'] !== undefined && !envFiles))
    return undefined;
  return {
    paths,
    ...(typeof dir === 'string' ? { projectDirectory: dir } : {}),
    ...(envFiles ? { envFiles } : {}),
  };
}

/**
 * `doc` (read from `file`, whose relative paths are relative to `projectDir`) with its `include`
 * applied and removed. `chain` is the files being included, outermost first, to catch cycles.
 * Undefined when an error was reported.
 */
export function applyIncludes(
  doc: Raw,
  layer: Layer,
  projectDir: string,
  env: Environment,
  chain: readonly string[],
  ctx: IncludeContext,
): Raw | undefined {
  const { include, ...rest } = doc;
  if (include === undefined || include === null) return rest;
  let failed = false;
  const fail = (path: PathSegment[], message: string): undefined => {
    failed = true;
    const found = problem('COMPOSE_INVALID', message, path);
    ctx.problems.push({ ...(layer.source.locateAll([found])[0] ?? found), file: layer.name });
    return undefined;
  };
  if (!Array.isArray(include))
    return fail(['include'], '"include" must be a list of files or of {path, project_directory, env_file}.');
  let out: Raw = rest;
  for (const [i, raw] of include.entries()) {
    const entry = readEntry(raw);
    if (!entry) {
      fail(
        ['include', i],
        `include[${i}] must be a path, or {path, project_directory?, env_file?} with strings.`,
      );
      continue;
    }
    const included = loadEntry(entry, layer, i, projectDir, env, chain, ctx, fail);
    if (included === undefined) {
      failed = true;
      continue;
    }
    const added = addResources(out, included, layer, i, entry.paths, ctx);
    if (added === undefined) failed = true;
    else out = added;
  }
  return failed ? undefined : out;
}

function loadEntry(
  entry: IncludeEntry,
  layer: Layer,
  index: number,
  projectDir: string,
  env: Environment,
  chain: readonly string[],
  ctx: IncludeContext,
  fail: (path: PathSegment[], message: string) => undefined,
): Raw | undefined {
  const { host } = ctx;
  const files = entry.paths.map((p) => host.resolve(projectDir, p));
  const first = files[0] ?? projectDir;
  const ownDir =
    entry.projectDirectory === undefined
      ? host.dirname(first)
      : host.resolve(projectDir, entry.projectDirectory);
  const ownEnv = includeEnvironment(entry, projectDir, ownDir, env, ctx);
  if (typeof ownEnv === 'string') return fail(['include', index, 'env_file'], ownEnv);
  let merged: Raw | undefined;
  for (const [j, file] of files.entries()) {
    const at: PathSegment[] = entry.paths.length === 1 ? ['include', index] : ['include', index, 'path', j];
    const around = [...chain, layer.path];
    if (around.includes(file)) {
      const cycle = [...around.slice(around.indexOf(file)), file];
      return fail(at, `include cycle: ${cycle.map(ctx.name).join(' -> ')}.`);
    }
    const read = readLayer(file, ctx.host, ctx.limits, ctx.name);
    if (!read.ok) {
      if (read.missing) return fail(at, `included file ${ctx.name(file)} cannot be read (${read.reason}).`);
      ctx.problems.push(...read.problems);
      return undefined;
    }
    if (!isRaw(read.layer.value))
      return fail(at, `included file ${ctx.name(file)} is not a Compose file (a mapping).`);
    ctx.layers.push(read.layer);
    const resolved = applyIncludes(read.layer.value, read.layer, ownDir, ownEnv, [...chain, layer.path], ctx);
    if (resolved === undefined) return undefined;
    merged = merged === undefined ? resolved : mergeComposeDocuments(merged, resolved);
  }
  if (merged === undefined) return undefined;
  const interpolated = interpolateValue(withoutMarkers(merged), ownEnv, ctx.problems) as Raw;
  // Interpolated here, with the included file's variables: the `$` left must survive the
  // including file's own interpolation, so they are escaped again.
  return escapeDollars(rebasePaths(interpolated, ownDir, projectDir, host)) as Raw;
}

/**
 * The included file's variables: the including side's win over its env files (relative to the
 * including file, like `path`), or over the `.env` of its project directory when none is given.
 */
function includeEnvironment(
  entry: IncludeEntry,
  includingDir: string,
  ownDir: string,
  env: Environment,
  ctx: IncludeContext,
): Environment | string {
  const { host } = ctx;
  const files = entry.envFiles?.map((f) => host.resolve(includingDir, f)) ?? [host.resolve(ownDir, '.env')];
  let fromFiles: Environment = {};
  for (const file of files) {
    const read = host.read(file);
    if (!read.ok) {
      if (entry.envFiles === undefined) continue;
      return `env_file ${ctx.name(file)} cannot be read (${read.reason}).`;
    }
    try {
      fromFiles = { ...fromFiles, ...parseDotEnv(read.text) };
    } catch (error) {
      return `env_file ${ctx.name(file)} is malformed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return { ...fromFiles, ...env };
}

function addResources(
  doc: Raw,
  included: Raw,
  layer: Layer,
  index: number,
  paths: readonly string[],
  ctx: IncludeContext,
): Raw | undefined {
  const out: Raw = { ...doc };
  let ok = true;
  for (const section of RESOURCES) {
    const theirs = included[section];
    if (!isRaw(theirs)) continue;
    const own = doc[section];
    const current = out[section];
    const ours: Raw = isRaw(current) ? { ...current } : {};
    for (const [name, definition] of Object.entries(theirs)) {
      if (Object.hasOwn(ours, name) && JSON.stringify(ours[name]) !== JSON.stringify(definition)) {
        ok = false;
        const here = isRaw(own) && Object.hasOwn(own, name);
        const message = `${section} "${name}" from the included ${paths.join(', ')} conflicts with "${name}" ${here ? `defined in ${layer.name}` : 'from an earlier include'}; Compose refuses this too.`;
        const found = problem('COMPOSE_INVALID', message, here ? [section, name] : ['include', index]);
        ctx.problems.push({ ...(layer.source.locateAll([found])[0] ?? found), file: layer.name });
        continue;
      }
      ours[name] = definition;
    }
    out[section] = ours;
  }
  return ok ? out : undefined;
}
