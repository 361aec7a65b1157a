import { isDnsLabel, isDockerName, isProjectName } from './checks';
import { isContainer, type TopologyNode } from './model';
import { problem } from './problem';
import { displayName, nodePath, type ValidationContext } from './validate-context';
import { checkIdentifiers, isDeceptive } from './validate-identifiers';

/** Docker keeps containers, volumes and networks in separate namespaces. */
function family(node: TopologyNode): 'container' | 'volume' | 'network' {
  return isContainer(node) ? 'container' : node.kind;
}

export function checkNames(ctx: ValidationContext): void {
  checkIdentifiers(ctx);
  const projectName = ctx.topology.metadata.name;
  if (!isProjectName(projectName) && !isDeceptive(projectName)) {
    ctx.out.push(
      problem(
        'PROJECT_NAME_INVALID',
        `Project name "${projectName}" must be lowercase letters, digits, "-" and "_", starting with a letter or digit.`,
        ['metadata', 'name'],
      ),
    );
  }
  const seen = new Map<string, string>();
  const containerNames = new Map<string, string>();
  for (const [id, node] of ctx.entries) {
    const name = displayName(id, node);
    const path = node.name !== undefined ? nodePath(id, 'name') : nodePath(id);
    if (isDeceptive(name)) {
      // Said once, by checkIdentifiers, with the character named.
    } else if (!isDockerName(name)) {
      ctx.out.push(
        problem(
          'NAME_INVALID',
          `"${name}" is not a valid Docker name: use letters, digits, "_", "." and "-", starting with a letter or digit.`,
          path,
          { nodeId: id },
        ),
      );
    } else if (isContainer(node) && !isDnsLabel(name)) {
      ctx.out.push(
        problem(
          'NAME_NOT_DNS',
          `"${name}" is not a DNS label (lowercase letters, digits and "-", at most 63); some clients will fail to resolve it from other containers.`,
          path,
          { nodeId: id },
        ),
      );
    }
    // DNS is case-insensitive, so `Web` and `web` collide for containers.
    const key = `${family(node)}:${isContainer(node) ? name.toLowerCase() : name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.out.push(
        problem('NAME_DUPLICATE', `"${id}" and "${first}" are both ${family(node)}s named "${name}".`, path, {
          nodeId: id,
          related: [first],
        }),
      );
    } else {
      seen.set(key, id);
    }
    if (isContainer(node) && node.containerName !== undefined) {
      const fixed = node.containerName;
      if (!isDockerName(fixed)) {
        ctx.out.push(
          problem(
            'NAME_INVALID',
            `Container name "${fixed}" is not a valid Docker name.`,
            nodePath(id, 'containerName'),
            { nodeId: id },
          ),
        );
      }
      const other = containerNames.get(fixed);
      if (other !== undefined) {
        ctx.out.push(
          problem(
            'CONTAINER_NAME_DUPLICATE',
            `"${id}" and "${other}" both use container name "${fixed}"; the second would fail to start.`,
            nodePath(id, 'containerName'),
            { nodeId: id, related: [other] },
          ),
        );
      } else {
        containerNames.set(fixed, id);
      }
    }
    if (!isContainer(node) && node.dockerName !== undefined && !isDockerName(node.dockerName)) {
      ctx.out.push(
        problem(
          'NAME_INVALID',
          `"${node.dockerName}" is not a valid Docker ${node.kind} name.`,
          nodePath(id, 'dockerName'),
          { nodeId: id },
        ),
      );
    }
  }
}
