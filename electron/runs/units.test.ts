import { describe, expect, it } from 'vitest';
import { durationMs, shellWords, sizeBytes } from './units';

describe('units', () => {
  it('reads Go durations', () => {
    expect(durationMs('1m30s')).toBe(90_000);
    expect(durationMs('500ms')).toBe(500);
    expect(durationMs('1.5h')).toBe(5_400_000);
    expect(durationMs('0')).toBe(0);
    expect(durationMs('10')).toBeUndefined();
    expect(durationMs('5 s')).toBeUndefined();
    expect(durationMs('s')).toBeUndefined();
  });

  it('reads byte sizes', () => {
    expect(sizeBytes('512m')).toBe(512 * 1024 * 1024);
    expect(sizeBytes('1g')).toBe(1024 ** 3);
    expect(sizeBytes(4096)).toBe(4096);
    expect(sizeBytes('lots')).toBeUndefined();
  });

  it('splits command strings like a POSIX shell, without expansion', () => {
    expect(shellWords('echo "a b" c')).toEqual(['echo', 'a b', 'c']);
    expect(shellWords(`sh -c 'echo $HOME; exit 3'`)).toEqual(['sh', '-c', 'echo $HOME; exit 3']);
    expect(shellWords('a\\ b "" x')).toEqual(['a b', '', 'x']);
    expect(() => shellWords('echo "open')).toThrow(/unterminated/);
  });
});
