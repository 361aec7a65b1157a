import type { TaskSpec } from './types';

/** A task graph that passed validation, with its edges resolved to indexes once. */
export interface TaskGraph {
  readonly tasks: readonly TaskSpec[];
  readonly indexById: ReadonlyMap<string, number>;
  /** For each task, the indexes of its dependencies (deduplicated). */
  readonly dependencies: readonly (readonly number[])[];
  /** For each task, the indexes of the tasks that depend on it. */
  readonly dependents: readonly (readonly number[])[];
  /** For each task, which of its dependencies are optional (their failure does not skip it). */
  readonly optional: readonly ReadonlySet<number>[];
}

export type GraphProblemCode = 'duplicate-id' | 'unknown-dependency' | 'cycle';

export interface GraphProblem {
  readonly code: GraphProblemCode;
  readonly message: string;
  readonly taskId: string;
  /** For `cycle`: the task ids, each depending on the next, the first repeated at the end. */
  readonly cycle?: readonly string[];
}

export class GraphValidationError extends Error {
  override readonly name = 'GraphValidationError';
  readonly kind = 'invalid-input';

  constructor(readonly problems: readonly GraphProblem[]) {
    super(`invalid task graph: ${problems.map((problem) => problem.message).join('; ')}`);
  }
}

/** Resolves and checks the graph; throws GraphValidationError listing every problem found. */
export function buildGraph(tasks: readonly TaskSpec[]): TaskGraph {
  const problems: GraphProblem[] = [];
  const indexById = new Map<string, number>();
  tasks.forEach((task, index) => {
    if (indexById.has(task.id)) {
      problems.push({ code: 'duplicate-id', taskId: task.id, message: `duplicate task id '${task.id}'` });
    } else {
      indexById.set(task.id, index);
    }
  });
  const optional = tasks.map(() => new Set<number>());
  const dependencies = tasks.map((task, taskIndex) => {
    const resolved = new Set<number>();
    for (const id of task.optionalDependsOn ?? []) {
      const index = indexById.get(id);
      if (index !== undefined) {
        resolved.add(index);
        optional[taskIndex]!.add(index);
      } else
        problems.push({
          code: 'unknown-dependency',
          taskId: task.id,
          message: `task '${task.id}' depends on unknown task '${id}'`,
        });
    }
    for (const id of task.dependsOn ?? []) {
      const index = indexById.get(id);
      if (index === undefined) {
        problems.push({
          code: 'unknown-dependency',
          taskId: task.id,
          message: `task '${task.id}' depends on unknown task '${id}'`,
        });
      } else {
        resolved.add(index);
        // Needed by one edge is needed: a required edge wins over an optional one.
        optional[taskIndex]!.delete(index);
      }
    }
    return [...resolved];
  });
  const dependents = tasks.map((): number[] => []);
  dependencies.forEach((deps, index) => {
    for (const dep of deps) dependents[dep]?.push(index);
  });
  if (problems.length === 0) problems.push(...findCycles(tasks, dependencies, dependents));
  if (problems.length > 0) throw new GraphValidationError(problems);
  return { tasks, indexById, dependencies, dependents, optional };
}

/**
 * Kahn's algorithm peels off every task that can be ordered; each task left over has a dependency
 * that is also left over, so walking those dependencies must come back to a task already on the
 * path: that loop is a cycle. O(tasks + edges).
 */
function findCycles(
  tasks: readonly TaskSpec[],
  dependencies: readonly (readonly number[])[],
  dependents: readonly (readonly number[])[],
): GraphProblem[] {
  const remaining = dependencies.map((deps) => deps.length);
  const queue: number[] = [];
  remaining.forEach((count, index) => {
    if (count === 0) queue.push(index);
  });
  for (let head = 0; head < queue.length; head++) {
    for (const dependent of dependents[queue[head] ?? -1] ?? []) {
      const left = (remaining[dependent] ?? 0) - 1;
      remaining[dependent] = left;
      if (left === 0) queue.push(dependent);
    }
  }
  if (queue.length === tasks.length) return [];

  const problems: GraphProblem[] = [];
  const walked = new Set<number>();
  remaining.forEach((count, start) => {
    if (count === 0 || walked.has(start)) return;
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let current: number | undefined = start;
    while (current !== undefined && !walked.has(current)) {
      walked.add(current);
      onPath.set(current, path.length);
      path.push(current);
      current = dependencies[current]?.find((dep) => (remaining[dep] ?? 0) > 0);
    }
    const loopStart = current === undefined ? undefined : onPath.get(current);
    if (loopStart === undefined) return; // ran into a cycle reported by an earlier walk
    const ids = [...path.slice(loopStart), path[loopStart] ?? start].map((index) => tasks[index]?.id ?? '?');
    problems.push({
      code: 'cycle',
      taskId: ids[0] ?? '?',
      cycle: ids,
      message: `dependency cycle: ${ids.join(' -> ')} (each depends on the next)`,
    });
  });
  return problems;
}
