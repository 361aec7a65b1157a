import { describe, expect, it } from 'vitest';
import { autoLayout, NODE_WIDTH } from './auto-layout';
import { threeTier } from '../testing/topologies';

describe('autoLayout', () => {
  it('puts what is needed first on the left', () => {
    const positions = autoLayout(threeTier());
    expect(positions['backend']!.x).toBeLessThan(positions['db']!.x);
    expect(positions['db']!.x).toBeLessThan(positions['migrate']!.x);
    expect(positions['migrate']!.x).toBeLessThan(positions['api']!.x);
  });

  it('lays out a selection in place', () => {
    const doc = threeTier();
    const positions = autoLayout(doc, { only: ['db', 'api'] });
    expect(Object.keys(positions).sort()).toEqual(['api', 'db']);
    expect(Math.min(positions['db']!.x, positions['api']!.x)).toBe(0);
    expect(positions['api']!.x - positions['db']!.x).toBeGreaterThanOrEqual(NODE_WIDTH);
  });
});
