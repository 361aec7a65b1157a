import { API_GROUP, compareApiVersions, CURRENT_API_VERSION, parseApiVersion } from './version';
import { problem, type Problem } from './problem';

interface Migration {
  readonly to: string;
  /** What changed, told to the person whose file was migrated. */
  readonly note: string;
  readonly migrate: (doc: Record<string, unknown>) => Record<string, unknown>;
}

/** Keyed by the apiVersion a migration reads. Each step moves one version forward. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  'dockwright.dev/v1alpha1': {
    to: 'dockwright.dev/v1alpha2',
    note: 'nodes became a map keyed by id, canvas positions moved to the layout section, and Compose-style dependency conditions were renamed',
    migrate: migrateV1alpha1,
  },
};

export const SUPPORTED_API_VERSIONS: readonly string[] = [...Object.keys(MIGRATIONS), CURRENT_API_VERSION];

export type MigrationResult =
  | { readonly ok: true; readonly doc: Record<string, unknown>; readonly notes: Problem[] }
  | { readonly ok: false; readonly problems: Problem[] };

/** Brings a parsed document of any supported apiVersion to the current one. */
export function migrateDocument(doc: Record<string, unknown>): MigrationResult {
  const declared = doc['apiVersion'];
  if (typeof declared !== 'string') {
    return fail('API_VERSION_UNKNOWN', `apiVersion is missing; expected "${CURRENT_API_VERSION}".`);
  }
  const parsed = parseApiVersion(declared);
  const current = parseApiVersion(CURRENT_API_VERSION);
  if (!parsed || !current || parsed.group !== API_GROUP) {
    return fail(
      'API_VERSION_UNKNOWN',
      `apiVersion "${declared}" is not a Dockwright topology version; expected "${CURRENT_API_VERSION}".`,
    );
  }
  if (compareApiVersions(parsed, current) > 0) {
    return fail(
      'API_VERSION_NEWER',
      `This file is "${declared}", written by a newer Dockwright; this version reads up to "${CURRENT_API_VERSION}". Update Dockwright to open it.`,
    );
  }
  let version = declared;
  let current_doc = doc;
  const notes: Problem[] = [];
  while (version !== CURRENT_API_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) {
      return fail(
        'API_VERSION_UNKNOWN',
        `apiVersion "${declared}" is older than any version this Dockwright can migrate (${SUPPORTED_API_VERSIONS.join(', ')}).`,
      );
    }
    current_doc = { ...step.migrate(current_doc), apiVersion: step.to };
    notes.push(
      problem(
        'API_VERSION_MIGRATED',
        `Migrated from ${version} to ${step.to}: ${step.note}. Saving writes ${CURRENT_API_VERSION}.`,
        ['apiVersion'],
      ),
    );
    version = step.to;
  }
  return { ok: true, doc: current_doc, notes };
}

function fail(code: 'API_VERSION_UNKNOWN' | 'API_VERSION_NEWER', message: string): MigrationResult {
  return { ok: false, problems: [problem(code, message, ['apiVersion'])] };
}

const V1ALPHA1_CONDITIONS: Readonly<Record<string, string>> = {
  service_started: 'started',
  service_healthy: 'healthy',
  service_completed_successfully: 'completed',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * v1alpha1 kept nodes in a list with an `id` each, canvas positions inside the nodes, and
 * Compose's condition names. Anything malformed is passed through for the schema to report.
 */
function migrateV1alpha1(doc: Record<string, unknown>): Record<string, unknown> {
  const spec = doc['spec'];
  if (!isRecord(spec) || !Array.isArray(spec['nodes'])) return doc;
  const nodes: Record<string, unknown> = {};
  const positions: Record<string, unknown> = {};
  for (const entry of spec['nodes']) {
    if (!isRecord(entry) || typeof entry['id'] !== 'string') return doc;
    const { id, position, ...node } = entry;
    if (position !== undefined) positions[id] = position;
    if (Array.isArray(node['dependsOn'])) {
      node['dependsOn'] = (node['dependsOn'] as unknown[]).map((dep) => {
        if (typeof dep === 'string') return { node: dep, condition: 'started' };
        if (isRecord(dep) && typeof dep['condition'] === 'string') {
          return { ...dep, condition: V1ALPHA1_CONDITIONS[dep['condition']] ?? dep['condition'] };
        }
        return dep;
      });
    }
    nodes[id] = node;
  }
  const layout = isRecord(doc['layout']) ? doc['layout'] : {};
  const layoutNodes = isRecord(layout['nodes']) ? layout['nodes'] : {};
  const merged =
    Object.keys(positions).length > 0
      ? { ...layout, nodes: { ...positions, ...layoutNodes } }
      : doc['layout'];
  return { ...doc, spec: { ...spec, nodes }, ...(merged === undefined ? {} : { layout: merged }) };
}
