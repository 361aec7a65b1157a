import type { PathSegment, Problem } from '../topology/problem';
import { problem } from '../topology/problem';
import { isSecretKey } from '../text/secret-keys';
import { composeToPlaceholders } from './env-placeholders';
import { interpolateString, interpolateValue, type Environment } from './interpolate';
import { placeholderField } from './placeholder-fields';

/*
 * Which values of a Compose file keep their `${VAR}` references on import (`placeholderField`:
 * environment values, build args, secret and config content) and which are interpolated, as
 * before: everything else (images, ports, commands, paths, names…), which validation and the
 * editor need as values. A variable whose name looks secret interpolated there is told with a
 * warning: its value is now written into the topology.
 */

const VARIABLE = /\$(?:\{)?([A-Za-z_][A-Za-z0-9_]*)/g;

/** The variables a Compose string refers to (not after a `$$` escape). */
function variablesIn(text: string): string[] {
  return [...text.replaceAll('$$', '').matchAll(VARIABLE)].map((match) => match[1]!);
}

/** The Compose document interpolated as Dockwright imports it (see above). */
export function interpolateForImport(value: unknown, env: Environment, problems: Problem[]): unknown {
  const told = new Set<string>();
  const invalid = (text: string, at: readonly PathSegment[]) => {
    problems.push(
      problem('COMPOSE_INVALID', `Invalid interpolation "${text}": a "\${" is never closed.`, [...at]),
    );
    return text;
  };
  return interpolateValue(value, env, problems, [], (text, at) => {
    const keep = placeholderField(at);
    if (keep === undefined) {
      for (const name of variablesIn(text)) {
        if (!isSecretKey(name) || env[name] === undefined || told.has(name)) continue;
        told.add(name);
        problems.push(
          problem(
            'COMPOSE_SECRET_INTERPOLATED',
            `The value of ${name} was interpolated into ${at.join('.')} and is written into the topology; only environment values, build args and secret or config content keep \${${name}} for the run to resolve.`,
            [...at],
          ),
        );
      }
      return undefined;
    }
    const equals = text.indexOf('=');
    if (keep === 'entry' && equals === -1) return undefined;
    if (keep === 'value') return composeToPlaceholders(text) ?? invalid(text, at);
    // `KEY=value`: the name is interpolated as Compose does, the value keeps its references.
    const name = interpolateString(text.slice(0, equals), env);
    const kept = composeToPlaceholders(text.slice(equals + 1));
    return kept === undefined ? invalid(text, at) : `${name}=${kept}`;
  });
}
