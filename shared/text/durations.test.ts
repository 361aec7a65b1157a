import { describe, expect, it } from 'vitest';
import { durationMs } from './durations';

describe('durationMs', () => {
  it('reads Go durations', () => {
    expect(durationMs('1m30s')).toBe(90_000);
    expect(durationMs('500ms')).toBe(500);
    expect(durationMs('1.5h')).toBe(5_400_000);
    expect(durationMs('0')).toBe(0);
    expect(durationMs('10')).toBeUndefined();
    expect(durationMs('5 s')).toBeUndefined();
    expect(durationMs('s')).toBeUndefined();
  });
});
