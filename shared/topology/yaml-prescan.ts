import { formatBytes } from '../text/sizes';
import { problem, type Problem } from './problem';
import type { YamlLimits } from './yaml-limits';

/**
 * What the text itself says before any parsing: its size, and whether it is text at all. The
 * structure (nesting, keys, aliases) is checked on the parser's tokens, not here.
 */
export function scanText(text: string, limits: YamlLimits): Problem | undefined {
  // A UTF-16 unit is at most 3 bytes of UTF-8: only a long text needs counting.
  const bytes = text.length * 3 > limits.maxBytes ? utf8Length(text) : text.length;
  if (bytes > limits.maxBytes) {
    return problem(
      'INPUT_TOO_LARGE',
      `Refused: the document is ${formatBytes(bytes)}; the limit is ${formatBytes(limits.maxBytes)}.`,
      [],
    );
  }
  return findBinary(text);
}

/** C0 control characters never appear raw in YAML text (writers escape them); NUL marks binary. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

function findBinary(text: string): Problem | undefined {
  const control = CONTROL.exec(text);
  // A few U+FFFD are legitimate text; many are what a decoder leaves of bytes that are not UTF-8.
  const maxReplacements = Math.max(8, text.length / 100);
  let replacements = 0;
  let replacementAt = -1;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) {
    if (++replacements > maxReplacements) {
      replacementAt = i;
      break;
    }
  }
  const candidates = [control?.index ?? -1, replacementAt].filter((i) => i >= 0);
  if (candidates.length === 0) return undefined;
  const at = Math.min(...candidates);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return {
    ...problem(
      'INPUT_BINARY',
      'Refused: the document contains binary data (control characters); it is not a text file.',
      [],
    ),
    line,
    column: at - lineStart + 1,
  };
}

/** Bytes of UTF-8, counted without encoding a copy of a text that may be far over the limit. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
