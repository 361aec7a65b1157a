import { resolvePlaceholders } from '../../shared/compose/env-placeholders';
import { isContainer, problem, type PathSegment, type Problem, type Topology } from '../../shared/topology';

/**
 * The `${VAR}` placeholders of environment values, build args and secret/config content, checked
 * against the environment of whoever starts the run: a variable that is not set is blank, with a
 * warning (once per variable), as Compose does; a `${VAR:?message}` one refuses the run.
 */
export function placeholderProblems(
  topology: Topology,
  env: Readonly<Record<string, string | undefined>>,
): Problem[] {
  const problems: Problem[] = [];
  const warned = new Set<string>();
  const check = (value: string | null | undefined, path: PathSegment[], nodeId?: string) => {
    if (typeof value !== 'string' || !value.includes('$')) return;
    const resolved = resolvePlaceholders(value, env);
    const where = nodeId ? { nodeId } : {};
    if (resolved.error !== undefined)
      problems.push(problem('COMPOSE_VARIABLE_REQUIRED', resolved.error, path, where));
    for (const name of resolved.unset) {
      if (warned.has(name)) continue;
      warned.add(name);
      problems.push(
        problem(
          'COMPOSE_VARIABLE_UNSET',
          `Variable ${name} is not set in the environment that starts the run; a blank string is used (first use at ${path.join('.')}).`,
          path,
          where,
        ),
      );
    }
  };
  for (const [id, node] of Object.entries(topology.spec.nodes)) {
    if (!isContainer(node)) continue;
    for (const [key, value] of Object.entries(node.environment ?? {}))
      check(value, ['spec', 'nodes', id, 'environment', key], id);
    for (const [key, value] of Object.entries(node.build?.args ?? {}))
      check(value, ['spec', 'nodes', id, 'build', 'args', key], id);
  }
  for (const family of ['secrets', 'configs'] as const) {
    for (const [name, source] of Object.entries(topology.spec[family] ?? {}))
      check(source.content, ['spec', family, name, 'content']);
  }
  return problems;
}
