import { describe, expect, it } from 'vitest';
import { sizeBytes } from './sizes';

describe('sizeBytes', () => {
  it('reads byte sizes', () => {
    expect(sizeBytes('512m')).toBe(512 * 1024 * 1024);
    expect(sizeBytes('1g')).toBe(1024 ** 3);
    expect(sizeBytes(4096)).toBe(4096);
    expect(sizeBytes('lots')).toBeUndefined();
  });
});
