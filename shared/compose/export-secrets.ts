import { isContainer, type ContainerNode, type Topology } from '../topology/model';
import { isSecretKey, urlCredential } from '../text/secret-keys';
import { hasPlaceholders } from './env-placeholders';

/** A secret-looking value the export left out, and the variable it refers to instead. */
export interface SecretReference {
  readonly nodeId: string;
  readonly field: 'environment' | 'build.args';
  readonly key: string;
  readonly variable: string;
}

/** Whether an environment entry holds a secret written out in the topology (not a reference). */
export function isWrittenSecret(key: string, value: string | null | undefined): value is string {
  if (typeof value !== 'string' || value === '' || hasPlaceholders(value)) return false;
  return isSecretKey(key) || urlCredential(value) !== undefined;
}

const variableName = (text: string): string => text.toUpperCase().replace(/[^A-Z0-9_]/g, '_');

/**
 * The topology with every secret-looking value written out in an environment or build args
 * (a name that looks secret, or a URL with a password) replaced by a `${VAR}` reference, and what
 * was replaced. The variable is the key; when two values share a key, the later ones get the
 * node's name as a suffix (`DB_PASSWORD_API`), so no two different secrets become one.
 */
export function secretsAsReferences(topology: Topology): {
  topology: Topology;
  references: SecretReference[];
} {
  const references: SecretReference[] = [];
  const valueOf = new Map<string, string>();
  const variableFor = (nodeId: string, key: string, value: string): string => {
    let variable = variableName(key);
    if (valueOf.has(variable) && valueOf.get(variable) !== value)
      variable = `${variable}_${variableName(nodeId)}`;
    valueOf.set(variable, value);
    return variable;
  };
  const replace = (
    nodeId: string,
    field: SecretReference['field'],
    map: Readonly<Record<string, string | null>> | undefined,
  ) => {
    if (!map) return map;
    let changed = false;
    const out: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(map)) {
      if (!isWrittenSecret(key, value)) {
        out[key] = value;
        continue;
      }
      const variable = variableFor(nodeId, key, value);
      out[key] = `\${${variable}}`;
      references.push({ nodeId, field, key, variable });
      changed = true;
    }
    return changed ? out : map;
  };
  const nodes: Record<string, Topology['spec']['nodes'][string]> = {};
  for (const [id, node] of Object.entries(topology.spec.nodes)) {
    if (!isContainer(node)) {
      nodes[id] = node;
      continue;
    }
    const environment = replace(id, 'environment', node.environment);
    const args = node.build ? replace(id, 'build.args', node.build.args) : undefined;
    const next: ContainerNode = {
      ...node,
      ...(environment ? { environment } : {}),
      ...(node.build && args ? { build: { ...node.build, args } } : {}),
    };
    nodes[id] = next;
  }
  if (references.length === 0) return { topology, references };
  return { topology: { ...topology, spec: { ...topology.spec, nodes } }, references };
}
