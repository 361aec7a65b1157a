import { problem, type PathSegment, type Problem } from '../topology/problem';

export type Environment = Readonly<Record<string, string | undefined>>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

class InterpolationError extends Error {}

/**
 * Instead of interpolating a string: what to put there (a value that keeps its references), or
 * undefined to interpolate it as usual.
 */
export type KeepString = (value: string, path: readonly PathSegment[]) => string | undefined;

/**
 * Compose variable interpolation over every string value (keys are left alone), per the spec:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`,
 * `${VAR:+replacement}`, `${VAR+replacement}`, nested in defaults, and `$$` for a literal `$`.
 * An unset variable becomes a blank string with a warning, as Compose does. Strings `keep`
 * answers for are not interpolated.
 */
export function interpolateValue(
  value: unknown,
  env: Environment,
  problems: Problem[],
  path: PathSegment[] = [],
  keep?: KeepString,
): unknown {
  const unset = new Set<string>();
  const walk = (v: unknown, at: PathSegment[]): unknown => {
    if (typeof v === 'string') {
      if (!v.includes('$')) return v;
      const kept = keep?.(v, at);
      if (kept !== undefined) return kept;
      try {
        return interpolateString(v, env, (name) => {
          if (!unset.has(name)) {
            unset.add(name);
            problems.push(
              problem(
                'COMPOSE_VARIABLE_UNSET',
                `Variable ${name} is not set; a blank string was used (first use at ${at.join('.')}).`,
                at,
              ),
            );
          }
        });
      } catch (error) {
        if (!(error instanceof InterpolationError)) throw error;
        const required = error.message.startsWith('required:');
        problems.push(
          problem(
            required ? 'COMPOSE_VARIABLE_REQUIRED' : 'COMPOSE_INVALID',
            required
              ? error.message.slice('required:'.length)
              : `Invalid interpolation "${v}": ${error.message}.`,
            at,
          ),
        );
        return v;
      }
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...at, i]));
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, [...at, k])]));
    }
    return v;
  };
  return walk(value, path);
}

export function interpolateString(
  text: string,
  env: Environment,
  onUnset: (name: string) => void = () => {},
): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar === -1) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const end = matchingBrace(text, dollar + 1);
      out += substitute(text.slice(dollar + 2, end), env, onUnset);
      i = end + 1;
    } else {
      const name = NAME.exec(text.slice(dollar + 1))?.[0];
      if (name === undefined) {
        out += '$';
        i = dollar + 1;
      } else {
        out += lookup(name, env, onUnset);
        i = dollar + 1 + name.length;
      }
    }
  }
  return out;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  throw new InterpolationError('a "${" is never closed');
}

function lookup(name: string, env: Environment, onUnset: (name: string) => void): string {
  const value = env[name];
  if (value === undefined) {
    onUnset(name);
    return '';
  }
  return value;
}

function substitute(expression: string, env: Environment, onUnset: (name: string) => void): string {
  const name = NAME.exec(expression)?.[0];
  if (name === undefined)
    throw new InterpolationError(`"\${${expression}}" does not start with a variable name`);
  const rest = expression.slice(name.length);
  if (rest === '') return lookup(name, env, onUnset);
  const match = /^(:?)([-?+])/.exec(rest);
  if (!match) throw new InterpolationError(`unexpected "${rest}" after ${name}`);
  const colon = match[1] === ':';
  const operator = match[2];
  const operand = rest.slice(match[0].length);
  const value = env[name];
  // With a colon, an empty value counts as unset.
  const isSet = colon ? value !== undefined && value !== '' : value !== undefined;
  const nested = (): string => interpolateString(operand, env, onUnset);
  switch (operator) {
    case '-':
      return isSet ? (value ?? '') : nested();
    case '+':
      return isSet ? nested() : '';
    default:
      if (isSet) return value ?? '';
      throw new InterpolationError(
        `required:Variable ${name} is required${operand === '' ? '' : `: ${nested()}`}.`,
      );
  }
}

/** A `.env` file: `KEY=value`, `export KEY=value`, quotes, comments. Values are not interpolated. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key = '', rawValue = ''] = match;
    let value = rawValue;
    if (value.startsWith('"')) {
      const end = value.lastIndexOf('"');
      value = (end > 0 ? value.slice(1, end) : value.slice(1))
        .replace(/\\n/g, '\n')
        .replace(/\\"/g, '"')
        .replace(/\\\\/g, '\\');
    } else if (value.startsWith("'")) {
      const end = value.lastIndexOf("'");
      value = end > 0 ? value.slice(1, end) : value.slice(1);
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out[key] = value;
  }
  return out;
}
