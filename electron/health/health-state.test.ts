import { describe, expect, it } from 'vitest';
import {
  HEALTH_STATES,
  IllegalHealthTransitionError,
  canTransition,
  transition,
  worstOf,
  type HealthState,
} from './health-state';

const LEGAL: ReadonlyArray<readonly [HealthState, HealthState]> = [
  ['starting', 'healthy'],
  ['starting', 'unhealthy'],
  ['starting', 'degraded'],
  ['starting', 'unknown'],
  ['healthy', 'unhealthy'],
  ['healthy', 'degraded'],
  ['healthy', 'unknown'],
  ['healthy', 'starting'],
  ['degraded', 'healthy'],
  ['degraded', 'unhealthy'],
  ['degraded', 'starting'],
  ['degraded', 'unknown'],
  ['unhealthy', 'starting'],
  ['unhealthy', 'healthy'],
  ['unhealthy', 'degraded'],
  ['unhealthy', 'failed'],
  ['unhealthy', 'unknown'],
  ['unknown', 'starting'],
  ['unknown', 'healthy'],
  ['unknown', 'degraded'],
  ['unknown', 'unhealthy'],
  ['unknown', 'failed'],
  ['failed', 'starting'],
  ['failed', 'healthy'],
  ['failed', 'unknown'],
];

describe('health state machine', () => {
  it.each(LEGAL)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(transition(from, to)).toBe(to);
  });

  it('rejects every transition that is not in the table, staying in place included', () => {
    const legal = new Set(LEGAL.map(([from, to]) => `${from}>${to}`));
    let rejected = 0;
    for (const from of HEALTH_STATES) {
      for (const to of HEALTH_STATES) {
        if (legal.has(`${from}>${to}`)) continue;
        expect(() => transition(from, to, 'api')).toThrow(IllegalHealthTransitionError);
        rejected++;
      }
    }
    expect(rejected).toBe(HEALTH_STATES.length ** 2 - LEGAL.length);
  });

  it('only gives up (failed) from unhealthy, and a failed service is never degraded', () => {
    expect(HEALTH_STATES.filter((from) => canTransition(from, 'failed'))).toEqual(['unhealthy', 'unknown']);
    expect(canTransition('failed', 'degraded')).toBe(false);
    expect(canTransition('failed', 'unhealthy')).toBe(false);
  });

  it('names the service and both states in the error', () => {
    expect(() => transition('failed', 'degraded', 'api')).toThrow(
      "illegal health transition failed -> degraded (service 'api')",
    );
  });

  it('summarises a group by its worst state', () => {
    expect(worstOf([])).toBe('healthy');
    expect(worstOf(['healthy', 'starting'])).toBe('starting');
    expect(worstOf(['degraded', 'unknown', 'healthy'])).toBe('degraded');
    expect(worstOf(['unhealthy', 'failed', 'degraded'])).toBe('failed');
  });
});
