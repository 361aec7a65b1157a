/**
 * The lifecycle of one task in a run, as an explicit state machine. The executor moves a task only
 * through `transition`, so an event stream can never describe an impossible history (for example a
 * task that succeeds without having run, or runs again after it was skipped).
 */
export const TASK_STATES = [
  'pending',
  'running',
  'retrying',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
] as const;

export type TaskState = (typeof TASK_STATES)[number];

export type TerminalTaskState = Extract<TaskState, 'succeeded' | 'failed' | 'skipped' | 'cancelled'>;

const TRANSITIONS: Readonly<Record<TaskState, readonly TaskState[]>> = {
  // A pending task either starts, or never will: its dependency failed, or the run was cancelled.
  pending: ['running', 'skipped', 'cancelled'],
  // `retrying` covers the backoff wait between two attempts; every attempt is a new `running`.
  running: ['retrying', 'succeeded', 'failed', 'cancelled'],
  // After the wait the next attempt starts, unless the run is cancelled during the wait.
  retrying: ['running', 'cancelled'],
  succeeded: [],
  failed: [],
  skipped: [],
  cancelled: [],
};

export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  constructor(
    readonly from: TaskState,
    readonly to: TaskState,
    readonly taskId?: string,
  ) {
    super(`illegal task transition ${from} -> ${to}${taskId === undefined ? '' : ` (task '${taskId}')`}`);
  }
}

export function canTransition(from: TaskState, to: TaskState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Returns the new state, or throws: a bug in the scheduler must surface, not corrupt a run. */
export function transition(from: TaskState, to: TaskState, taskId?: string): TaskState {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to, taskId);
  return to;
}

export function isTerminal(state: TaskState): state is TerminalTaskState {
  return TRANSITIONS[state].length === 0;
}
