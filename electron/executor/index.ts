export { Executor, DEFAULT_CONCURRENCY, type ExecutorOptions, type RunOptions } from './executor';
export {
  buildGraph,
  GraphValidationError,
  type GraphProblem,
  type GraphProblemCode,
  type TaskGraph,
} from './graph';
export { DEFAULT_JITTER, DEFAULT_MULTIPLIER, baseDelay, jittered } from './backoff';
export { defineTask, type InputOf, type TaskDefinition } from './define-task';
export {
  ERROR_KINDS,
  TaskError,
  toTaskError,
  type ErrorKind,
  type TaskErrorData,
  type TransientKind,
} from './task-error';
export {
  TASK_STATES,
  IllegalTransitionError,
  canTransition,
  isTerminal,
  transition,
  type TaskState,
  type TerminalTaskState,
} from './task-state';
export {
  TargetBulkhead,
  TargetCircuitBreaker,
  createBulkhead,
  createCircuitBreaker,
  type BreakerState,
  type BulkheadOptions,
  type CircuitBreakerOptions,
} from './targets';
export type {
  ProgressUpdate,
  RetryOptions,
  RunResult,
  RunStatus,
  TaskContext,
  TaskEvent,
  TaskOutcome,
  TaskPolicy,
  TaskProgressEvent,
  TaskSpec,
} from './types';
