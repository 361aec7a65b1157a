import { describe, expect, it } from 'vitest';
import { GraphValidationError, buildGraph } from './graph';
import type { TaskSpec } from './types';

const t = (id: string, ...dependsOn: string[]): TaskSpec => ({ id, dependsOn, run: () => id });

function problemsOf(tasks: TaskSpec[]): GraphValidationError {
  try {
    buildGraph(tasks);
  } catch (error) {
    if (error instanceof GraphValidationError) return error;
    throw error;
  }
  throw new Error('expected the graph to be rejected');
}

describe('buildGraph', () => {
  it('resolves dependencies and dependents, ignoring repeated dependency ids', () => {
    const graph = buildGraph([t('a'), t('b', 'a', 'a'), t('c', 'a', 'b')]);
    expect(graph.dependencies).toEqual([[], [0], [0, 1]]);
    expect(graph.dependents).toEqual([[1, 2], [2], []]);
    expect(graph.indexById.get('c')).toBe(2);
  });

  it('reports unknown dependencies and duplicate ids together', () => {
    const error = problemsOf([t('a'), t('a'), t('b', 'ghost')]);
    expect(error.kind).toBe('invalid-input');
    expect(error.problems.map((problem) => problem.code)).toEqual(['duplicate-id', 'unknown-dependency']);
    expect(error.message).toContain("task 'b' depends on unknown task 'ghost'");
    expect(error.message).toContain("duplicate task id 'a'");
  });

  it('lists the tasks of a cycle in dependency order', () => {
    const error = problemsOf([t('root'), t('a', 'root', 'c'), t('b', 'a'), t('c', 'b'), t('leaf', 'c')]);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.cycle).toEqual(['a', 'c', 'b', 'a']);
    expect(error.message).toBe(
      'invalid task graph: dependency cycle: a -> c -> b -> a (each depends on the next)',
    );
  });

  it('reports a self-dependency and each separate cycle', () => {
    const error = problemsOf([t('self', 'self'), t('x', 'y'), t('y', 'x'), t('ok')]);
    expect(error.problems.map((problem) => problem.cycle)).toEqual([
      ['self', 'self'],
      ['x', 'y', 'x'],
    ]);
  });
});
