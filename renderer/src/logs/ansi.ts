/*
 * A small ANSI SGR parser for log lines: 8/16 colours, the 256-colour and 24-bit forms, bold,
 * dim, italic, underline and inverse. Every other escape sequence (cursor moves, erases, titles)
 * and stray control characters are stripped, so what is left is safe plain text in spans.
 */

export interface AnsiStyle {
  /** A CSS colour, or undefined for the default. */
  readonly fg?: string;
  readonly bg?: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly inverse?: boolean;
}

export interface AnsiSegment {
  readonly text: string;
  readonly style: AnsiStyle;
}

/** The 16 basic colours, tuned for the dark theme (normal 0-7, bright 8-15). */
export const BASIC_COLOURS = [
  '#484f58',
  '#ff7b72',
  '#3fb950',
  '#d29922',
  '#58a6ff',
  '#bc8cff',
  '#39c5cf',
  '#b1bac4',
  '#6e7681',
  '#ffa198',
  '#56d364',
  '#e3b341',
  '#79c0ff',
  '#d2a8ff',
  '#56d4dd',
  '#ffffff',
] as const;

const CUBE = [0, 95, 135, 175, 215, 255];

/** The xterm 256-colour palette: 16 basic, a 6×6×6 cube, 24 greys. */
export function colour256(index: number): string | undefined {
  if (!Number.isInteger(index) || index < 0 || index > 255) return undefined;
  if (index < 16) return BASIC_COLOURS[index];
  if (index < 232) {
    const n = index - 16;
    return rgb(CUBE[Math.floor(n / 36)]!, CUBE[Math.floor(n / 6) % 6]!, CUBE[n % 6]!);
  }
  const grey = 8 + (index - 232) * 10;
  return rgb(grey, grey, grey);
}

function rgb(r: number, g: number, b: number): string {
  return `rgb(${r}, ${g}, ${b})`;
}

// CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), other two-byte escapes, then C0 controls
// other than tab. Only CSI sequences ending in `m` (SGR) are interpreted.
const ESCAPES =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /\x1b\[([0-9;:?]*)([\x20-\x2f]*)([\x40-\x7e])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[\x20-\x7e]?|[\x00-\x08\x0b-\x1f\x7f]/g;

/** True when the text holds nothing to interpret (the common case, checked first). */
// eslint-disable-next-line no-control-regex -- as above
const PLAIN = /^[^\x00-\x08\x0b-\x1f\x7f]*$/;

type MutableStyle = { -readonly [K in keyof AnsiStyle]: AnsiStyle[K] };

function applySgr(style: MutableStyle, params: string): void {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code === 0) {
      for (const key of Object.keys(style) as (keyof MutableStyle)[]) delete style[key];
    } else if (code === 1) style.bold = true;
    else if (code === 2) style.dim = true;
    else if (code === 3) style.italic = true;
    else if (code === 4) style.underline = true;
    else if (code === 7) style.inverse = true;
    else if (code === 22) {
      delete style.bold;
      delete style.dim;
    } else if (code === 23) delete style.italic;
    else if (code === 24) delete style.underline;
    else if (code === 27) delete style.inverse;
    else if (code >= 30 && code <= 37) style.fg = BASIC_COLOURS[code - 30];
    else if (code >= 90 && code <= 97) style.fg = BASIC_COLOURS[code - 90 + 8];
    else if (code >= 40 && code <= 47) style.bg = BASIC_COLOURS[code - 40];
    else if (code >= 100 && code <= 107) style.bg = BASIC_COLOURS[code - 100 + 8];
    else if (code === 39) delete style.fg;
    else if (code === 49) delete style.bg;
    else if (code === 38 || code === 48) {
      const key = code === 38 ? 'fg' : 'bg';
      const mode = codes[i + 1];
      if (mode === 5) {
        const colour = colour256(codes[i + 2] ?? -1);
        if (colour) style[key] = colour;
        i += 2;
      } else if (mode === 2) {
        const [r, g, b] = [codes[i + 2], codes[i + 3], codes[i + 4]];
        if ([r, g, b].every((c) => c !== undefined && c >= 0 && c <= 255)) style[key] = rgb(r!, g!, b!);
        i += 4;
      } else {
        i = codes.length; // malformed: ignore the rest
      }
    }
  }
}

/** Splits a line into styled segments. A line without escapes is one unstyled segment. */
export function parseAnsi(text: string): AnsiSegment[] {
  if (PLAIN.test(text)) return text === '' ? [] : [{ text, style: {} }];
  const segments: AnsiSegment[] = [];
  const style: MutableStyle = {};
  let last = 0;
  const push = (end: number) => {
    if (end > last) {
      const piece = text.slice(last, end);
      const previous = segments[segments.length - 1];
      if (previous && sameStyle(previous.style, style))
        segments[segments.length - 1] = { text: previous.text + piece, style: previous.style };
      else segments.push({ text: piece, style: { ...style } });
    }
  };
  for (const match of text.matchAll(ESCAPES)) {
    push(match.index);
    last = match.index + match[0].length;
    if (match[3] === 'm' && match[2] === '' && !match[1]?.startsWith('?')) applySgr(style, match[1] ?? '');
  }
  push(text.length);
  return segments;
}

/** The text without any escape sequence or control character. */
export function stripAnsi(text: string): string {
  return PLAIN.test(text) ? text : text.replace(ESCAPES, '');
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof AnsiStyle)[]);
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}
