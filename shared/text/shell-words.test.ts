import { describe, expect, it } from 'vitest';
import { shellWords } from './shell-words';

describe('shellWords', () => {
  it('splits command strings like a POSIX shell, without expansion', () => {
    expect(shellWords('echo "a b" c')).toEqual(['echo', 'a b', 'c']);
    expect(shellWords(`sh -c 'echo $HOME; exit 3'`)).toEqual(['sh', '-c', 'echo $HOME; exit 3']);
    expect(shellWords('a\\ b "" x')).toEqual(['a b', '', 'x']);
    expect(() => shellWords('echo "open')).toThrow(/unterminated/);
  });
});
