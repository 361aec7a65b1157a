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

/**
 * Every reserved key in a plain value (parsed JSON or YAML, an IPC payload), as problems at their
 * paths, at most `limit`. Each object is visited once, so shared (aliased) objects cost nothing twice.
 */
export function findReservedKeys(value: unknown, limit = 20): Problem[] {
  const found: Problem[] = [];
  const seen = new Set<object>();
  const stack: Array<{ value: unknown; path: readonly PathSegment[] }> = [{ value, path: [] }];
  while (stack.length > 0 && found.length < limit) {
    const { value: current, path } = stack.pop() ?? { value: undefined, path: [] };
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    if (Array.isArray(current)) {
      current.forEach((item: unknown, i) => stack.push({ value: item, path: [...path, i] }));
      continue;
    }
    for (const key of Object.keys(current)) {
      const at = [...path, key];
      if (isReservedKey(key)) found.push(reservedKeyProblem(key, at, nodeIdOf(at)));
      else stack.push({ value: (current as Record<string, unknown>)[key], path: at });
    }
  }
  return found;
}

function nodeIdOf(path: readonly PathSegment[]): string | undefined {
  const [spec, nodes, id] = path;
  return spec === 'spec' && nodes === 'nodes' && typeof id === 'string' && !isReservedKey(id)
    ? id
    : undefined;
}
