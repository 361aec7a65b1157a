import { describe, expect, it } from 'vitest';
import { BASIC_COLOURS, colour256, parseAnsi, stripAnsi } from './ansi';

const ESC = '\x1b';

describe('parseAnsi', () => {
  it('leaves plain text as one unstyled segment', () => {
    expect(parseAnsi('hello world')).toEqual([{ text: 'hello world', style: {} }]);
    expect(parseAnsi('')).toEqual([]);
  });

  it('reads the 8 basic and 8 bright foreground and background colours', () => {
    expect(parseAnsi(`${ESC}[31mred${ESC}[0m plain`)).toEqual([
      { text: 'red', style: { fg: BASIC_COLOURS[1] } },
      { text: ' plain', style: {} },
    ]);
    expect(parseAnsi(`${ESC}[92;44mx`)).toEqual([
      { text: 'x', style: { fg: BASIC_COLOURS[10], bg: BASIC_COLOURS[4] } },
    ]);
    expect(parseAnsi(`${ESC}[103my`)[0]!.style).toEqual({ bg: BASIC_COLOURS[11] });
  });

  it('reads bold and its reset, and default colours', () => {
    expect(parseAnsi(`${ESC}[1;33mwarn${ESC}[22m still yellow${ESC}[39m none`)).toEqual([
      { text: 'warn', style: { bold: true, fg: BASIC_COLOURS[3] } },
      { text: ' still yellow', style: { fg: BASIC_COLOURS[3] } },
      { text: ' none', style: {} },
    ]);
    // ESC[m is a reset too.
    expect(parseAnsi(`${ESC}[1mb${ESC}[mn`)).toEqual([
      { text: 'b', style: { bold: true } },
      { text: 'n', style: {} },
    ]);
  });

  it('reads 256-colour and 24-bit colours', () => {
    expect(parseAnsi(`${ESC}[38;5;196mx`)[0]!.style).toEqual({ fg: 'rgb(255, 0, 0)' });
    expect(parseAnsi(`${ESC}[48;5;2mx`)[0]!.style).toEqual({ bg: BASIC_COLOURS[2] });
    expect(parseAnsi(`${ESC}[38;5;244mx`)[0]!.style).toEqual({ fg: 'rgb(128, 128, 128)' });
    expect(parseAnsi(`${ESC}[38;2;10;20;30mx`)[0]!.style).toEqual({ fg: 'rgb(10, 20, 30)' });
    // 38;5 followed by more codes: the index is consumed, the rest still applies.
    expect(parseAnsi(`${ESC}[38;5;21;1mx`)[0]!.style).toEqual({ fg: 'rgb(0, 0, 255)', bold: true });
  });

  it('strips escapes that are not colours, and control characters', () => {
    expect(parseAnsi(`${ESC}[2K${ESC}[1Gdone${ESC}]0;title\x07!\r`)).toEqual([{ text: 'done!', style: {} }]);
    expect(parseAnsi(`a${ESC}[?25lb\x00c\td`)).toEqual([{ text: 'abc\td', style: {} }]);
    expect(stripAnsi(`${ESC}[1;31mERROR${ESC}[0m: ${ESC}[4mdisk${ESC}[24m`)).toBe('ERROR: disk');
  });

  it('ignores a malformed extended colour without throwing', () => {
    expect(parseAnsi(`${ESC}[38;9;1mx`)).toEqual([{ text: 'x', style: {} }]);
    expect(parseAnsi(`${ESC}[38;5;999mx`)).toEqual([{ text: 'x', style: {} }]);
  });

  it('merges neighbouring segments of the same style', () => {
    expect(parseAnsi(`${ESC}[32ma${ESC}[32mb`)).toEqual([{ text: 'ab', style: { fg: BASIC_COLOURS[2] } }]);
  });
});

describe('colour256', () => {
  it('maps the cube and the greys', () => {
    expect(colour256(16)).toBe('rgb(0, 0, 0)');
    expect(colour256(231)).toBe('rgb(255, 255, 255)');
    expect(colour256(232)).toBe('rgb(8, 8, 8)');
    expect(colour256(255)).toBe('rgb(238, 238, 238)');
    expect(colour256(256)).toBeUndefined();
  });
});
