import type { z } from 'zod';
import { migrateDocument } from './migrations';
import { Topology } from './model';
import { formatPath, problem, type PathSegment, type Problem } from './problem';
import { findReservedKeys } from './reserved-keys';
import { DEFAULT_YAML_LIMITS, readYaml, type YamlLimits, type YamlSource } from './yaml-source';
import { stringifyYaml } from './yaml-write';

export type ParseTopologyResult =
  | {
      readonly ok: true;
      readonly topology: Topology;
      /** Notes from loading (e.g. a migration); never errors. */
      readonly problems: Problem[];
      readonly source?: YamlSource;
    }
  | { readonly ok: false; readonly problems: Problem[] };

const MAX_SCHEMA_PROBLEMS = 50;

/** Reads a topology file's text: YAML, then migration to the current apiVersion, then the schema. */
export function parseTopology(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): ParseTopologyResult {
  const read = readYaml(text, limits);
  if (!read.ok) return read;
  const result = topologyFromValue(read.value);
  if (!result.ok) return { ok: false, problems: read.source.locateAll(result.problems) };
  return { ...result, problems: read.source.locateAll(result.problems), source: read.source };
}

/** Checks already-parsed data (from a file, the clipboard, an IPC payload) as a topology. */
export function topologyFromValue(value: unknown): ParseTopologyResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      problems: [
        problem(
          'SCHEMA_INVALID',
          'A topology file is a mapping with apiVersion, kind, metadata and spec.',
          [],
        ),
      ],
    };
  }
  // Before the schema: zod's records drop a `__proto__` key without a word.
  const reserved = findReservedKeys(value);
  if (reserved.length > 0) return { ok: false, problems: reserved };
  const migrated = migrateDocument(value as Record<string, unknown>);
  if (!migrated.ok) return migrated;
  const parsed = Topology.safeParse(migrated.doc);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error.issues) };
  return { ok: true, topology: parsed.data, problems: migrated.notes };
}

/** Writes a topology in canonical key order, so saving twice gives the same bytes. */
export function serializeTopology(topology: Topology): string {
  const canonical = Topology.safeParse(topology);
  return stringifyYaml(canonical.success ? canonical.data : topology);
}

export function schemaProblems(issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.slice(0, MAX_SCHEMA_PROBLEMS).map((issue) => {
    const at = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
    // Point at the unknown key itself, not at the mapping that holds it.
    const path = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...at, ...issue.keys] : at;
    const nodeId =
      path[0] === 'spec' && path[1] === 'nodes' && typeof path[2] === 'string' ? path[2] : undefined;
    const where = path.length > 0 ? formatPath(path) : 'the document';
    return problem(
      'SCHEMA_INVALID',
      `${where}: ${describeIssue(issue)}`,
      path,
      nodeId === undefined ? {} : { nodeId },
    );
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      if (issue.discriminator && 'options' in issue && issue.options) {
        return `"${issue.discriminator}" must be one of ${issue.options.map((o) => `"${String(o)}"`).join(', ')}`;
      }
      return issue.message;
    default:
      return issue.message;
  }
}
