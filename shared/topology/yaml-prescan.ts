import { problem, type Problem } from './problem';
import type { YamlLimits } from './yaml-source';

/**
 * One linear pass over untrusted text: size, binary content and an upper bound of the nesting depth
 * (block indentation levels plus open flow brackets). Quoted scalars are skipped so brackets inside
 * strings do not count. Returns the first reason to refuse the text, or undefined.
 */
export function scanText(text: string, limits: YamlLimits): Problem | undefined {
  if (
    text.length > limits.maxBytes ||
    (text.length > limits.maxBytes / 4 && utf8Length(text) > limits.maxBytes)
  ) {
    const mb = (limits.maxBytes / (1024 * 1024)).toFixed(1);
    return problem('INPUT_TOO_LARGE', `Refused: the document is larger than ${mb} MB.`, []);
  }
  const indents: number[] = [];
  let flowDepth = 0;
  let line = 1;
  let lineStart = 0;
  let atLineStart = true;
  let quote: '"' | "'" | undefined;
  let onlyDashesSoFar = true;
  let replacements = 0;
  const maxReplacements = Math.max(8, text.length / 100);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A few U+FFFD are legitimate text; many are what a decoder leaves of bytes that are not UTF-8.
    if (code === 0xfffd) replacements++;
    if (isBinary(code) || replacements > maxReplacements) {
      return located(
        problem(
          'INPUT_BINARY',
          'Refused: the document contains binary data (control characters); it is not a text file.',
          [],
        ),
        line,
        i - lineStart + 1,
      );
    }
    if (code === 10) {
      line++;
      lineStart = i + 1;
      atLineStart = true;
      onlyDashesSoFar = true;
      continue;
    }
    if (quote) {
      if (quote === '"' && code === 92) i++;
      else if (text[i] === quote) quote = undefined;
      continue;
    }
    if (atLineStart) {
      if (code === 32 || code === 13 || code === 9) continue;
      atLineStart = false;
      const indent = i - lineStart;
      if (code !== 35 && flowDepth === 0) {
        while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
        indents.push(indent);
      }
    }
    const ch = text[i];
    if (ch === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ' '))) {
      const end = text.indexOf('\n', i);
      i = (end === -1 ? text.length : end) - 1;
    } else if ((ch === '"' || ch === "'") && (i === 0 || /[\s[{,:-]/.test(text[i - 1] ?? ' '))) {
      quote = ch;
    } else if (ch === '[' || ch === '{') {
      flowDepth++;
    } else if ((ch === ']' || ch === '}') && flowDepth > 0) {
      flowDepth--;
    } else if (ch === '-' && text[i + 1] === ' ' && onlyDashesSoFar) {
      // `- - - x` nests sequences on one line
      indents.push(i - lineStart + 1);
    }
    if (ch !== '-' && ch !== ' ') onlyDashesSoFar = false;
    if (indents.length + flowDepth > limits.maxDepth) {
      return located(
        problem(
          'INPUT_TOO_DEEP',
          `Refused: the document nests more than ${limits.maxDepth} levels deep.`,
          [],
        ),
        line,
        i - lineStart + 1,
      );
    }
  }
  return undefined;
}

/** C0 control characters never appear raw in YAML text (writers escape them); NUL marks binary. */
function isBinary(code: number): boolean {
  return code < 32 && code !== 9 && code !== 10 && code !== 13;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function located(p: Problem, line: number, column: number): Problem {
  return { ...p, line, column };
}
