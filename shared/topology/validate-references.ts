import { dependencyGraph, findCycles } from './graph';
import { isContainer, sharedNetworkService, type ContainerNode, type FileSource } from './model';
import { problem } from './problem';
import { displayName, nodeById, nodePath, type ValidationContext } from './validate-context';

/** Dependencies, cycles, and references to networks, volumes, secrets and configs. */
export function checkReferences(ctx: ValidationContext): void {
  for (const [id, node] of ctx.entries) {
    if (!isContainer(node)) continue;
    checkDependencies(ctx, id, node);
    checkAttachments(ctx, id, node);
  }
  checkCycles(ctx);
  checkFileSources(ctx, 'secrets', ctx.topology.spec.secrets);
  checkFileSources(ctx, 'configs', ctx.topology.spec.configs);
  checkLayout(ctx);
}

function checkDependencies(ctx: ValidationContext, id: string, node: ContainerNode): void {
  const seen = new Set<string>();
  const who = `"${displayName(id, node)}"`;
  node.dependsOn?.forEach((dep, i) => {
    const path = nodePath(id, 'dependsOn', i);
    if (seen.has(dep.node)) {
      ctx.out.push(
        problem(
          'DEPENDENCY_DUPLICATE',
          `${who} lists the dependency on "${dep.node}" more than once.`,
          path,
          { nodeId: id },
        ),
      );
    }
    seen.add(dep.node);
    const target = nodeById(ctx, dep.node);
    if (target === undefined) {
      const byName = ctx.entries.find(([, other]) => other.name === dep.node);
      const hint = byName ? ` Dependencies name node ids: did you mean "${byName[0]}"?` : '';
      // Compose 2.20+: an optional dependency may be absent (another file, a profile not enabled).
      const optional = dep.required === false;
      ctx.out.push(
        problem(
          'DEPENDENCY_MISSING',
          optional
            ? `${who} depends on "${dep.node}" (not required), which does not exist; it starts without it.${hint}`
            : `${who} depends on "${dep.node}", which does not exist.${hint}`,
          [...path, 'node'],
          { nodeId: id, ...(optional ? { severity: 'warning' as const } : {}) },
        ),
      );
      return;
    }
    const targetName = `"${displayName(dep.node, target)}"`;
    if (!isContainer(target)) {
      ctx.out.push(
        problem(
          'DEPENDENCY_NOT_CONTAINER',
          `${who} depends on ${targetName}, a ${target.kind}; ${target.kind === 'volume' ? 'mount it' : 'join it'} instead of depending on it.`,
          [...path, 'node'],
          { nodeId: id, related: [dep.node] },
        ),
      );
      return;
    }
    const condition = [...path, 'condition'];
    if (dep.condition === 'healthy') {
      if (target.kind === 'job') {
        ctx.out.push(
          problem(
            'DEPENDENCY_HEALTHY_NO_HEALTHCHECK',
            `${who} waits for job ${targetName} to be healthy, but jobs have no healthcheck; wait for "completed".`,
            condition,
            { nodeId: id, related: [dep.node], severity: 'error' },
          ),
        );
      } else if (target.healthcheck === undefined || target.healthcheck.disable === true) {
        ctx.out.push(
          problem(
            'DEPENDENCY_HEALTHY_NO_HEALTHCHECK',
            `${who} waits for ${targetName} to be healthy, but ${targetName} defines no healthcheck; unless its image has one, the wait never ends.`,
            condition,
            { nodeId: id, related: [dep.node] },
          ),
        );
      }
    } else if (dep.condition === 'completed' && target.kind === 'service') {
      ctx.out.push(
        problem(
          'DEPENDENCY_COMPLETED_ON_SERVICE',
          `${who} waits for service ${targetName} to complete, but a service runs until stopped; make ${targetName} a job or wait for "started" or "healthy".`,
          condition,
          { nodeId: id, related: [dep.node] },
        ),
      );
    }
    if (target.kind === 'job' && dep.condition === 'started') {
      ctx.out.push(
        problem(
          'DEPENDENCY_JOB_NOT_COMPLETED',
          `${who} waits for job ${targetName} to start; Dockwright runs it after ${targetName} completes. Say "completed" to make this explicit.`,
          condition,
          { nodeId: id, related: [dep.node] },
        ),
      );
    }
  });
}

function checkAttachments(ctx: ValidationContext, id: string, node: ContainerNode): void {
  const who = `"${displayName(id, node)}"`;
  node.networks?.forEach((attachment, i) => {
    if (nodeById(ctx, attachment.network)?.kind !== 'network') {
      ctx.out.push(
        problem(
          'NETWORK_UNKNOWN',
          `${who} joins network "${attachment.network}", which is not a network node.`,
          nodePath(id, 'networks', i, 'network'),
          { nodeId: id },
        ),
      );
    }
  });
  node.mounts?.forEach((mount, i) => {
    if (
      mount.type === 'volume' &&
      mount.source !== undefined &&
      nodeById(ctx, mount.source)?.kind !== 'volume'
    ) {
      ctx.out.push(
        problem(
          'VOLUME_UNKNOWN',
          `${who} mounts volume "${mount.source}", which is not a volume node.`,
          nodePath(id, 'mounts', i, 'source'),
          { nodeId: id },
        ),
      );
    }
  });
  const shared = sharedNetworkService(node.networkMode);
  if (shared !== undefined) {
    const target = nodeById(ctx, shared);
    if (target === undefined || !isContainer(target)) {
      ctx.out.push(
        problem(
          'DEPENDENCY_MISSING',
          `${who} shares the network stack of "${shared}", which is not a service or job.`,
          nodePath(id, 'networkMode'),
          { nodeId: id },
        ),
      );
    }
  }
  for (const family of ['secrets', 'configs'] as const) {
    const defined = ctx.topology.spec[family] ?? {};
    node[family]?.forEach((grant, i) => {
      if (!Object.hasOwn(defined, grant.source)) {
        const code = family === 'secrets' ? 'SECRET_UNKNOWN' : 'CONFIG_UNKNOWN';
        ctx.out.push(
          problem(
            code,
            `${who} uses ${family === 'secrets' ? 'secret' : 'config'} "${grant.source}", which is not defined in spec.${family}.`,
            nodePath(id, family, i, 'source'),
            { nodeId: id },
          ),
        );
      }
    });
  }
}

function checkCycles(ctx: ValidationContext): void {
  const graph = dependencyGraph(ctx.topology);
  for (const cycle of findCycles(graph)) {
    const first = cycle[0] ?? '';
    const next = cycle[1] ?? first;
    const edge = (graph.get(first) ?? []).find((e) => e.to === next);
    const names = [...cycle, first].map((id) => {
      const node = nodeById(ctx, id);
      return node ? displayName(id, node) : id;
    });
    ctx.out.push(
      problem(
        'DEPENDENCY_CYCLE',
        `Dependency cycle: ${names.join(' → ')}. Nothing in it can start first; remove one of these dependencies.`,
        nodePath(first, ...(edge?.field ?? ['dependsOn'])),
        { nodeId: first, related: cycle },
      ),
    );
  }
}

function checkFileSources(
  ctx: ValidationContext,
  family: 'secrets' | 'configs',
  defs: Readonly<Record<string, FileSource>> | undefined,
): void {
  for (const [name, def] of Object.entries(defs ?? {})) {
    const sources = [def.file, def.environment, def.external ? true : undefined, def.content].filter(
      (s) => s !== undefined,
    );
    const contentOnSecret = family === 'secrets' && def.content !== undefined;
    if (sources.length !== 1 || contentOnSecret) {
      const allowed =
        family === 'secrets' ? 'file, environment or external' : 'file, environment, content or external';
      ctx.out.push(
        problem(
          'SOURCE_INVALID',
          `${family === 'secrets' ? 'Secret' : 'Config'} "${name}" needs exactly one source: ${allowed}.`,
          ['spec', family, name],
        ),
      );
    }
  }
}

function checkLayout(ctx: ValidationContext): void {
  const layout = ctx.topology.layout;
  for (const id of Object.keys(layout?.nodes ?? {})) {
    if (nodeById(ctx, id) === undefined) {
      ctx.out.push(
        problem('LAYOUT_UNKNOWN_NODE', `The layout places "${id}", which is not a node.`, [
          'layout',
          'nodes',
          id,
        ]),
      );
    }
  }
  layout?.groups?.forEach((group, g) => {
    group.nodes.forEach((id, i) => {
      if (nodeById(ctx, id) === undefined) {
        ctx.out.push(
          problem('LAYOUT_UNKNOWN_NODE', `Group "${group.label}" lists "${id}", which is not a node.`, [
            'layout',
            'groups',
            g,
            'nodes',
            i,
          ]),
        );
      }
    });
  });
}
