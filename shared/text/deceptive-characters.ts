/*
 * Characters that make a name read as another: control characters (C0, DEL, C1), the
 * bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A-U+202E,
 * U+2066-U+2069), which reorder what follows them (`evil\u202Egnp.yaml` shows as "evilyaml.png"),
 * and the zero-width characters (U+200B-U+200D, U+2060, U+FEFF) and line separators
 * (U+2028/U+2029), which hide in a name that looks like another.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const DECEPTIVE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/;
// Tab and line feed stay in messages.
const DECEPTIVE_IN_TEXT =
  // eslint-disable-next-line no-control-regex -- as above
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/g;

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL',
  0x09: 'tab',
  0x0a: 'line feed',
  0x0d: 'carriage return',
  0x1b: 'escape',
  0x7f: 'delete',
  0x061c: 'Arabic letter mark',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'zero-width no-break space',
};

export interface DeceptiveCharacter {
  /** Index in the string (UTF-16 units). */
  readonly index: number;
  readonly codePoint: number;
  /** `U+202E (right-to-left override)` */
  readonly description: string;
}

/** The first character of `text` that can make it read as something else, if any. */
export function findDeceptive(text: string): DeceptiveCharacter | undefined {
  const match = DECEPTIVE.exec(text);
  if (!match) return undefined;
  const codePoint = match[0].charCodeAt(0);
  return { index: match.index, codePoint, description: describeCodePoint(codePoint) };
}

export function describeCodePoint(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const name =
    NAMES[codePoint] ??
    (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f) ? 'control character' : undefined);
  return name === undefined ? hex : `${hex} (${name})`;
}

/** `text` with each such character written out as `<U+202E>`, so a message cannot be reordered. */
export function showDeceptive(text: string): string {
  return text.replace(
    DECEPTIVE_IN_TEXT,
    (ch) => `<U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

/** One sentence for a refused name: what it is, which character, where, and what to do. */
export function deceptiveNameMessage(what: string, name: string, found: DeceptiveCharacter): string {
  return `${what} "${showDeceptive(name)}" contains ${found.description} at position ${found.index + 1}, an invisible or control character that can make it read as another name; remove it.`;
}
