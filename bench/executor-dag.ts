// Shared by the executor benchmarks: the same random DAG, and every policy on for each task.
import { type TaskPolicy, createBulkhead, createCircuitBreaker } from '../electron/executor/index';
import { seeded } from './stats';

export interface DagNode {
  readonly id: string;
  readonly dependsOn: readonly string[];
  /** The indexes of `dependsOn`: always earlier nodes. */
  readonly deps: readonly number[];
}

/** A deterministic DAG of `size` nodes, each depending on up to three earlier ones. */
export function randomDag(size: number): DagNode[] {
  const random = seeded(7);
  const nodes: DagNode[] = [];
  for (let i = 0; i < size; i++) {
    const deps = new Set<number>();
    const count = i === 0 ? 0 : Math.floor(random() * 4);
    for (let k = 0; k < count; k++) deps.add(Math.floor(random() * i));
    nodes.push({ id: `t${i}`, deps: [...deps], dependsOn: [...deps].map((dep) => `t${dep}`) });
  }
  return nodes;
}

/** Retry, timeout, and a fresh shared circuit breaker and bulkhead (so each round starts clean). */
export function everyPolicy(concurrency: number): TaskPolicy {
  return {
    retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 100 },
    timeoutMs: 5_000,
    breaker: createCircuitBreaker({ name: 'bench', consecutiveFailures: 5, halfOpenAfterMs: 1_000 }),
    bulkhead: createBulkhead({ name: 'bench', limit: concurrency }),
  };
}
