import { deceptiveNameMessage, findDeceptive } from '../text/deceptive-characters';
import { problem, type PathSegment } from './problem';
import { findReservedKeys } from './reserved-keys';
import { nodePath, type ValidationContext } from './validate-context';

/** More reserved keys than this in one topology are one mistake repeated. */
const MAX_RESERVED = 50;

/**
 * Names that cannot deceive: no node id, node name, project, secret or config name with a control,
 * bidirectional or zero-width character (NAME_DECEPTIVE), and no `__proto__`, `constructor` or
 * `prototype` as a key anywhere in the document (NAME_RESERVED): ids, names, labels, variables, layout.
 */
export function checkIdentifiers(ctx: ValidationContext): void {
  ctx.out.push(...findReservedKeys(ctx.topology, MAX_RESERVED));
  const { metadata, spec } = ctx.topology;
  deceptive(ctx, 'The project name', metadata.name, ['metadata', 'name']);
  for (const [id, node] of ctx.entries) {
    deceptive(ctx, 'The node id', id, nodePath(id), id);
    if (node.name !== undefined) deceptive(ctx, 'The name', node.name, nodePath(id, 'name'), id);
  }
  for (const section of ['secrets', 'configs'] as const) {
    for (const name of Object.keys(spec[section] ?? {})) {
      deceptive(ctx, section === 'secrets' ? 'The secret' : 'The config', name, ['spec', section, name]);
    }
  }
}

/** Whether a name has a character that checkIdentifiers reports (other checks then stay quiet). */
export function isDeceptive(name: string): boolean {
  return findDeceptive(name) !== undefined;
}

function deceptive(
  ctx: ValidationContext,
  what: string,
  name: string,
  path: readonly PathSegment[],
  nodeId?: string,
): void {
  const found = findDeceptive(name);
  if (found === undefined) return;
  ctx.out.push(
    problem(
      'NAME_DECEPTIVE',
      deceptiveNameMessage(what, name, found),
      path,
      nodeId === undefined ? {} : { nodeId },
    ),
  );
}
