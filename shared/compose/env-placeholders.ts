import { interpolateString, type Environment } from './interpolate';

/*
 * Placeholders in a topology's environment values (and build args, and secret and config
 * content): `${VAR}` and Compose's other braced forms (`${VAR:-default}`, `${VAR:?message}`, …)
 * are kept as written when a Compose file is imported, so a saved topology never holds a value
 * interpolated from someone's environment, and they are resolved by the run from the environment
 * of whoever starts it. Only braced references are placeholders: an unbraced `$` is a literal
 * dollar (bcrypt hashes, `$HOME` meant for a shell). Right before a `{`, dollars pair up as in
 * Compose: `$${` is a literal `${`, `$$${A}` a literal `$` and then A.
 */

/** The index of the `}` that closes the `{` at `open` (nested braces counted), or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

type Piece = { literal: string } | { reference: string };

/** A topology value as literal text and `${…}` references (each with its braces). */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '$') {
      literal += text[i];
      i++;
      continue;
    }
    let run = 0;
    while (text[i + run] === '$') run++;
    const brace = i + run;
    const end = text[brace] === '{' && run % 2 === 1 ? closingBrace(text, brace) : -1;
    if (text[brace] !== '{' || (run % 2 === 1 && end === -1)) {
      // Not before a brace (or a brace never closed): every dollar as written.
      literal += '$'.repeat(run);
      i = brace;
      continue;
    }
    literal += '$'.repeat(Math.floor(run / 2));
    if (run % 2 === 0) {
      i = brace;
      continue;
    }
    if (literal) out.push({ literal });
    literal = '';
    out.push({ reference: text.slice(brace - 1, end + 1) });
    i = end + 1;
  }
  if (literal) out.push({ literal });
  return out;
}

const samePieces = (a: readonly Piece[], b: readonly Piece[]): boolean =>
  a.length === b.length &&
  a.every((piece, index) => {
    const other = b[index]!;
    return 'reference' in piece
      ? 'reference' in other && other.reference === piece.reference
      : 'literal' in other && other.literal === piece.literal;
  });

/**
 * Pieces as a topology value: dollars of literal text that would start a reference are doubled.
 * Text that reads back as the same pieces when written as it is (a `${` never closed) is written
 * as it is, so one value has one spelling.
 */
function serialize(parts: readonly Piece[]): string {
  const plain = parts.map((piece) => ('reference' in piece ? piece.reference : piece.literal)).join('');
  if (samePieces(pieces(plain), parts)) return plain;
  return parts
    .map((piece, index) => {
      if ('reference' in piece) return piece.reference;
      const beforeReference = parts[index + 1] !== undefined && 'reference' in parts[index + 1]!;
      return piece.literal.replace(/\$+(?=\{)|\$+$/g, (run, offset: number) =>
        offset + run.length < piece.literal.length || beforeReference ? run + run : run,
      );
    })
    .join('');
}

export function hasPlaceholders(text: string): boolean {
  return pieces(text).some((piece) => 'reference' in piece);
}

/** The variables a value refers to (also those in defaults: `${A:-$B}` names A and B). */
export function placeholderNames(text: string): string[] {
  const names = new Set<string>();
  for (const piece of pieces(text)) {
    if (!('reference' in piece)) continue;
    for (const match of piece.reference.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]!);
  }
  return [...names];
}

export interface Resolved {
  readonly value: string;
  /** Variables that were not set (a blank string was used). */
  readonly unset: readonly string[];
  /** A `${VAR:?message}` whose variable is not set, or a malformed reference. */
  readonly error?: string;
}

/** The value with its placeholders resolved from `env`, as Compose would interpolate them. */
export function resolvePlaceholders(text: string, env: Environment): Resolved {
  if (!text.includes('$')) return { value: text, unset: [] };
  const unset = new Set<string>();
  let value = '';
  let error: string | undefined;
  for (const piece of pieces(text)) {
    if ('literal' in piece) {
      value += piece.literal;
      continue;
    }
    try {
      value += interpolateString(piece.reference, env, (name) => unset.add(name));
    } catch (thrown) {
      const message = (thrown as Error).message;
      error ??= message.startsWith('required:') ? message.slice('required:'.length) : message;
    }
  }
  return { value, unset: [...unset], ...(error === undefined ? {} : { error }) };
}

/**
 * A Compose value as a topology value: `${…}` kept as written, `$VAR` braced, `$$` (Compose's
 * escape) a literal dollar. Undefined when a `${` is never closed (Compose refuses the file).
 */
export function composeToPlaceholders(text: string): string | undefined {
  const parts: Piece[] = [];
  let literal = '';
  const reference = (ref: string) => {
    if (literal) parts.push({ literal });
    literal = '';
    parts.push({ reference: ref });
  };
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar === -1) {
      literal += text.slice(i);
      break;
    }
    literal += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      literal += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const end = closingBrace(text, dollar + 1);
      if (end === -1) return undefined;
      reference(text.slice(dollar, end + 1));
      i = end + 1;
    } else {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(dollar + 1))?.[0];
      if (name === undefined) literal += '$';
      else reference(`\${${name}}`);
      i = dollar + 1 + (name?.length ?? 0);
    }
  }
  if (literal) parts.push({ literal });
  return serialize(parts);
}

/** A topology value as a Compose value: references kept, every other `$` escaped as `$$`. */
export function placeholdersToCompose(text: string): string {
  return pieces(text)
    .map((piece) => ('reference' in piece ? piece.reference : piece.literal.replaceAll('$', '$$$$')))
    .join('');
}
