import { problem, type PathSegment, type Problem } from './problem';

/*
 * Keys that a JavaScript object does not keep as data: `obj.__proto__ = x` replaces the prototype
 * (the entry vanishes, and its fields show through every lookup), zod's records drop `__proto__`,
 * and `nodes.constructor` finds Object's constructor in a topology without such a node. They are
 * refused by name wherever a person names something (node ids, secrets, labels, variables...).
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.has(key);
}

export function reservedKeyProblem(key: string, path: readonly PathSegment[], nodeId?: string): Problem {
  return problem(
    'NAME_RESERVED',
    `"${key}" cannot be a name or key: JavaScript objects reserve __proto__, constructor and prototype, so it would be dropped or change the data around it. Rename it.`,
    path,
    nodeId === undefined ? {} : { nodeId },
  );
}

/** `target[key] = value` as an own property, even for `__proto__` (never a prototype change). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Deeper than any document the readers accept; a walk stops there rather than overflow. */
const MAX_WALK_DEPTH = 200;

/**
 * Every reserved key in a plain value (parsed JSON or YAML, an IPC payload, a topology), as
 * problems at their paths, at most `limit`. One walk with one path array, allocating nothing per
 * value: it runs inside validate(), on every edit.
 */
export function findReservedKeys(value: unknown, limit = 20): Problem[] {
  const found: Problem[] = [];
  const path: PathSegment[] = [];
  const walk = (current: unknown): void => {
    if (typeof current !== 'object' || current === null || path.length > MAX_WALK_DEPTH) return;
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length && found.length < limit; i++) {
        path.push(i);
        walk(current[i]);
        path.pop();
      }
      return;
    }
    for (const key in current) {
      if (found.length >= limit) return;
      if (!Object.hasOwn(current, key)) continue;
      path.push(key);
      if (isReservedKey(key)) found.push(reservedKeyProblem(key, [...path], nodeIdOf(path)));
      else walk((current as Record<string, unknown>)[key]);
      path.pop();
    }
  };
  walk(value);
  return found;
}

function nodeIdOf(path: readonly PathSegment[]): string | undefined {
  const [spec, nodes, id] = path;
  return spec === 'spec' && nodes === 'nodes' && typeof id === 'string' ? id : undefined;
}
