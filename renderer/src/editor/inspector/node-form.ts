import { useMemo } from 'react';
import { z } from 'zod';
import { RunHandlers } from '../../../../shared/topology/handler-parts';
import { NotificationTarget } from '../../../../shared/topology/workflow-parts';
import {
  Metadata,
  TopologyNode,
  replaceNode,
  type Problem,
  type Topology,
} from '../../../../shared/topology';
import type { AppState, AppStore } from '../../store/app-store';
import { useAppStore, useAppStoreApi } from '../../store/store-context';
import { indexProblems, schemaMessage, type FormApi } from './form-context';
import { pathKey, setIn, type Path } from './paths';

/*
 * The two things the inspector edits through a form: one node of `spec.nodes`, and the topology's
 * metadata. Every write is checked against the model's schema first, so the document never holds
 * a shape the file format would refuse (a port without its container port, a backoff without its
 * initial delay); values the schema takes but `validate()` flags are written, and flagged.
 */

const selectProblems = (s: AppState) => s.problems;

/**
 * `spec.nodes.<id>.a.b` -> `a.b`, for problems of that node. Problems about the whole node go to
 * the field that fixes them: a name derived from the id to Name (`id`), a missing image to Image.
 */
function insideNode(nodeId: string) {
  return (p: Problem): Path | undefined => {
    if (p.path[0] !== 'spec' || p.path[1] !== 'nodes' || p.path[2] !== nodeId) return undefined;
    const inside = p.path.slice(3);
    if (inside.length > 0) return inside;
    if (p.code === 'IMAGE_MISSING') return ['image'];
    if (p.code.startsWith('NAME_')) return ['id'];
    return inside;
  };
}

/** Where in its node the inspector shows (and the Problems panel focuses) a problem. */
export function problemFieldPath(p: Problem): Path {
  return (p.nodeId !== undefined ? insideNode(p.nodeId)(p) : undefined) ?? [];
}

export function fieldCoalesceKey(owner: string, path: Path): string {
  return `field:${owner}:${pathKey(path)}`;
}

export function writeNodeField(
  store: AppStore,
  nodeId: string,
  path: Path,
  value: unknown,
  discrete = false,
): string | null {
  const { doc, edit } = store.getState();
  const node = doc.spec.nodes[nodeId];
  if (!node) return `The node "${nodeId}" no longer exists.`;
  const next = setIn(node, path, value);
  if (next === node) return null;
  const checked = TopologyNode.safeParse(next);
  if (!checked.success) return schemaMessage(checked.error, next, path);
  edit((d) => replaceNode(d, nodeId, next as TopologyNode), {
    coalesce: discrete ? undefined : fieldCoalesceKey(nodeId, path),
  });
  return null;
}

export function useNodeForm(nodeId: string, node: TopologyNode): FormApi {
  const store = useAppStoreApi();
  const problems = useAppStore(selectProblems);
  const problemsAt = useMemo(() => indexProblems(problems, insideNode(nodeId)), [problems, nodeId]);
  return {
    root: node,
    base: [],
    ownerId: nodeId,
    problemsAt,
    write: (path, value, discrete) => writeNodeField(store, nodeId, path, value, discrete),
  };
}

const PROJECT = '@project';

function writeMetadataField(store: AppStore, path: Path, value: unknown, discrete = false): string | null {
  const { doc, edit } = store.getState();
  const next = setIn(doc.metadata, path, value);
  if (next === doc.metadata) return null;
  const checked = Metadata.safeParse(next);
  if (!checked.success) return schemaMessage(checked.error, next, path);
  edit((d): Topology => ({ ...d, metadata: next as Topology['metadata'] }), {
    coalesce: discrete ? undefined : fieldCoalesceKey(PROJECT, path),
  });
  return null;
}

const insideMetadata = (p: Problem): Path | undefined =>
  p.path[0] === 'metadata' ? p.path.slice(1) : undefined;

export function useMetadataForm(metadata: Topology['metadata']): FormApi {
  const store = useAppStoreApi();
  const problems = useAppStore(selectProblems);
  const problemsAt = useMemo(() => indexProblems(problems, insideMetadata), [problems]);
  return {
    root: metadata,
    base: [],
    ownerId: PROJECT,
    problemsAt,
    write: (path, value, discrete) => writeMetadataField(store, path, value, discrete),
  };
}

const SPEC = '@spec';

/** The parts of `spec` the project inspector edits, each checked against its own schema. */
const SPEC_PARTS = {
  handlers: RunHandlers.optional(),
  notifications: z.array(NotificationTarget).optional(),
} as const;
type SpecPart = keyof typeof SPEC_PARTS;
const isSpecPart = (key: unknown): key is SpecPart => key === 'handlers' || key === 'notifications';

function writeSpecField(store: AppStore, path: Path, value: unknown, discrete = false): string | null {
  const { doc, edit } = store.getState();
  const part = path[0];
  if (!isSpecPart(part)) return `Not a field of the project: ${pathKey(path)}.`;
  const next = setIn(doc.spec, path, value) as Topology['spec'];
  if (next === doc.spec) return null;
  const checked = SPEC_PARTS[part].safeParse(next[part]);
  if (!checked.success) return schemaMessage(checked.error, next[part], path.slice(1));
  edit((d): Topology => ({ ...d, spec: next }), {
    coalesce: discrete ? undefined : fieldCoalesceKey(SPEC, path),
  });
  return null;
}

const insideSpecParts = (p: Problem): Path | undefined =>
  p.path[0] === 'spec' && isSpecPart(p.path[1]) ? p.path.slice(1) : undefined;

/**
 * The topology's run handlers and notification targets (`spec.handlers`, `spec.notifications`):
 * the rest of `spec` (its nodes) is edited node by node.
 */
export function useSpecForm(spec: Topology['spec']): FormApi {
  const store = useAppStoreApi();
  const problems = useAppStore(selectProblems);
  const problemsAt = useMemo(() => indexProblems(problems, insideSpecParts), [problems]);
  return {
    root: spec,
    base: [],
    ownerId: SPEC,
    problemsAt,
    write: (path, value, discrete) => writeSpecField(store, path, value, discrete),
  };
}
