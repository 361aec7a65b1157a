import { HEALTH_SEVERITY, type HealthStateName } from '../../shared/ipc/health-contract';

/**
 * A monitored service's health as an explicit state machine. The monitor moves a service only
 * through `transition`, so the pushed history can never tell an impossible story (a failed
 * service that turns degraded, an unknown one that stays unknown by "changing").
 */
export const HEALTH_STATES = ['starting', 'healthy', 'degraded', 'unhealthy', 'unknown', 'failed'] as const;

export type HealthState = HealthStateName;

const TRANSITIONS: Readonly<Record<HealthState, readonly HealthState[]>> = {
  // Checks have not all passed since the (re)start: they pass, fail past their retries, a
  // dependency is the cause, or the engine goes away.
  starting: ['healthy', 'unhealthy', 'degraded', 'unknown'],
  // A restart that follows a dependency (edge `restart: true`) or the engine's own restart policy
  // brings a healthy service back to starting.
  healthy: ['unhealthy', 'degraded', 'unknown', 'starting'],
  // Degraded is "not its own fault": when the root recovers, it is checked again.
  degraded: ['healthy', 'unhealthy', 'starting', 'unknown'],
  // Unhealthy is restarted (starting), recovers by itself, turns out to be a dependency's fault,
  // or runs out of attempts (failed).
  unhealthy: ['starting', 'healthy', 'degraded', 'failed', 'unknown'],
  // The engine came back: whatever the first look says (a failed service stays failed).
  unknown: ['starting', 'healthy', 'degraded', 'unhealthy', 'failed'],
  // Failed is final for the monitor (it stops trying) unless someone brings the service back.
  failed: ['starting', 'healthy', 'unknown'],
};

export class IllegalHealthTransitionError extends Error {
  override readonly name = 'IllegalHealthTransitionError';
  constructor(
    readonly from: HealthState,
    readonly to: HealthState,
    readonly nodeId?: string,
  ) {
    super(
      `illegal health transition ${from} -> ${to}${nodeId === undefined ? '' : ` (service '${nodeId}')`}`,
    );
  }
}

export function canTransition(from: HealthState, to: HealthState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Returns the new state, or throws: a bug in the monitor must surface, not rewrite history. */
export function transition(from: HealthState, to: HealthState, nodeId?: string): HealthState {
  if (!canTransition(from, to)) throw new IllegalHealthTransitionError(from, to, nodeId);
  return to;
}

/** The state a group of services is in, taken as its worst member (healthy when empty). */
export function worstOf(states: Iterable<HealthState>): HealthState {
  let worst: HealthState = 'healthy';
  for (const state of states) if (HEALTH_SEVERITY[state] > HEALTH_SEVERITY[worst]) worst = state;
  return worst;
}
