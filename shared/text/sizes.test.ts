import { describe, expect, it } from 'vitest';
import { formatBytes, sizeBytes } from './sizes';

describe('sizeBytes', () => {
  it('reads byte sizes', () => {
    expect(sizeBytes('512m')).toBe(512 * 1024 * 1024);
    expect(sizeBytes('1g')).toBe(1024 ** 3);
    expect(sizeBytes(4096)).toBe(4096);
    expect(sizeBytes('lots')).toBeUndefined();
  });
});

describe('formatBytes', () => {
  it('writes sizes in binary units, one decimal below 10', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(4096)).toBe('4.0 KiB');
    expect(formatBytes(23 * 1024 ** 2 + 5)).toBe('23 MiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatBytes(3 * 1024 ** 5)).toBe('3072 TiB');
  });
});
