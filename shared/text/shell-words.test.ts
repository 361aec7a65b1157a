import { describe, expect, it } from 'vitest';
import { joinShellWords, shellWords } from './shell-words';

describe('shellWords', () => {
  it('splits command strings like a POSIX shell, without expansion', () => {
    expect(shellWords('echo "a b" c')).toEqual(['echo', 'a b', 'c']);
    expect(shellWords(`sh -c 'echo $HOME; exit 3'`)).toEqual(['sh', '-c', 'echo $HOME; exit 3']);
    expect(shellWords('a\\ b "" x')).toEqual(['a b', '', 'x']);
    expect(() => shellWords('echo "open')).toThrow(/unterminated/);
  });

  it('converts commands between a shell string and arguments', () => {
    expect(shellWords(`sh -c 'echo "hi there"' a\\ b ""`)).toEqual([
      'sh',
      '-c',
      'echo "hi there"',
      'a b',
      '',
    ]);
    const args = ['sh', '-c', "echo 'x' && ls", ''];
    expect(shellWords(joinShellWords(args))).toEqual(args);
  });

  it('escapes only " \\ $ ` inside double quotes, as sh does', () => {
    expect(shellWords('"a\\b" "\\$HOME" "\\""')).toEqual(['a\\b', '$HOME', '"']);
  });
});
