import { describe, expect, it } from 'vitest';
import {
  deceptiveNameMessage,
  describeCodePoint,
  findDeceptive,
  showDeceptive,
} from './deceptive-characters';

describe('findDeceptive', () => {
  it.each([
    ['\u202e', 'U+202E (right-to-left override)'],
    ['\u202a', 'U+202A (left-to-right embedding)'],
    ['\u2066', 'U+2066 (left-to-right isolate)'],
    ['\u2069', 'U+2069 (pop directional isolate)'],
    ['\u200e', 'U+200E (left-to-right mark)'],
    ['\u200f', 'U+200F (right-to-left mark)'],
    ['\u200b', 'U+200B (zero-width space)'],
    ['\u200d', 'U+200D (zero-width joiner)'],
    ['\u2060', 'U+2060 (word joiner)'],
    ['\ufeff', 'U+FEFF (zero-width no-break space)'],
    ['\u0000', 'U+0000 (NUL)'],
    ['\n', 'U+000A (line feed)'],
    ['\u0085', 'U+0085 (control character)'],
  ])('finds %j as %s', (ch, description) => {
    expect(findDeceptive(`web${ch}x`)).toEqual({ index: 3, codePoint: ch.charCodeAt(0), description });
  });

  it('lets ordinary names through, accents and other scripts included', () => {
    for (const name of ['web', 'my_db-1.2', 'café', 'データベース', 'שרת'])
      expect(findDeceptive(name)).toBeUndefined();
  });
});

describe('showDeceptive and the message', () => {
  it('writes the characters out, so a message cannot be reordered, but keeps newlines and tabs', () => {
    expect(showDeceptive('evil\u202egnp.yaml\tok\nnext')).toBe('evil<U+202E>gnp.yaml\tok\nnext');
  });

  it('names the character and its position', () => {
    const name = 'a\u200bb';
    expect(deceptiveNameMessage('The node id', name, findDeceptive(name)!)).toBe(
      'The node id "a<U+200B>b" contains U+200B (zero-width space) at position 2, an invisible or control character that can make it read as another name; remove it.',
    );
    expect(describeCodePoint(0x41)).toBe('U+0041');
  });
});
