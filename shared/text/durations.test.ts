import { describe, expect, it } from 'vitest';
import { durationMs, isDuration } from './durations';

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

describe('isDuration', () => {
  it.each(['10s', '1m30s', '500ms', '1.5h', '2h45m', '0', '10us', '3ns'])('accepts %s', (value) => {
    expect(isDuration(value)).toBe(true);
  });
  it.each(['10', 's', '10 s', '-5s', '1d', '10sec', '', '1m 30s'])('rejects %j', (value) => {
    expect(isDuration(value)).toBe(false);
  });
});
