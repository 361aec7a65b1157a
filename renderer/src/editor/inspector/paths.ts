import type { PathSegment } from '../../../../shared/topology';

/*
 * Immutable reads and writes inside a node by field path. Writes share structure with the old
 * value (undo keeps old documents) and never leave an empty map or list behind: the document only
 * holds what the user set.
 */

export type Path = readonly PathSegment[];

/** `ports.0.published`: the form of `data-path` attributes and coalesce keys. */
export function pathKey(path: Path): string {
  return path.join('.');
}

export function getIn(value: unknown, path: Path): unknown {
  let at = value;
  for (const segment of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PathSegment, unknown>)[segment];
  }
  return at;
}

function isEmptyContainer(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}

/**
 * `root` with `value` at `path`. `undefined` removes: an object key is deleted, a list item is
 * spliced out. An empty map or list is removed from its parent object, up the chain; list items
 * are never removed that way (an incomplete row stays, and the schema says what it lacks).
 * Returns `root` itself when nothing changes.
 */
export function setIn(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [PathSegment, ...PathSegment[]];
  const container = root !== null && typeof root === 'object' ? root : undefined;
  const current = container ? (container as Record<PathSegment, unknown>)[head] : undefined;
  const child = setIn(current, rest, value);
  if (Object.is(child, current)) return root;
  if (Array.isArray(container) || (container === undefined && typeof head === 'number')) {
    const list = Array.isArray(container) ? [...(container as unknown[])] : [];
    const index = Number(head);
    if (child === undefined) list.splice(index, 1);
    else list[index] = child;
    return list;
  }
  const next: Record<string, unknown> = { ...(container as Record<string, unknown> | undefined) };
  if (child === undefined || isEmptyContainer(child)) delete next[head];
  else next[head] = child;
  return next;
}

/** Whether `path` is `prefix` or lies inside it. */
export function isWithin(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}
