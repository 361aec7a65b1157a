import { edgesOf } from './graph';
import { HANDLER_EVENTS, handlerIds } from './handler-parts';
import { isContainer } from './model';
import { problem } from './problem';
import { nodeById, nodePath, type ValidationContext } from './validate-context';

/**
 * `spec.handlers`: each names a job that exists, and a handler stays out of the normal graph:
 * nothing waits for it, and it waits for no service or job (it runs after the run; volumes and
 * networks it uses are fine).
 */
export function checkHandlers(ctx: ValidationContext): void {
  const handlers = ctx.topology.spec.handlers;
  if (handlers === undefined) return;
  for (const event of HANDLER_EVENTS) {
    handlers[event]?.forEach((id, i) => {
      const path = ['spec', 'handlers', event, i];
      const node = nodeById(ctx, id);
      if (!node) ctx.out.push(problem('HANDLER_UNKNOWN', `Handler "${id}" (${event}) does not exist.`, path));
      else if (node.kind !== 'job')
        ctx.out.push(
          problem(
            'HANDLER_NOT_JOB',
            `Handler "${id}" (${event}) is a ${node.kind}; only a job can be one.`,
            path,
            {
              nodeId: id,
            },
          ),
        );
    });
  }
  const ids = handlerIds(handlers);
  for (const [id, node] of ctx.entries) {
    for (const edge of edgesOf(id, node)) {
      const target = nodeById(ctx, edge.to);
      if (ids.has(edge.to) && target?.kind === 'job') {
        ctx.out.push(
          problem(
            'HANDLER_IN_GRAPH',
            `"${id}" waits for "${edge.to}", a handler: handlers run after the run, so nothing can wait for one.`,
            nodePath(id, ...edge.field),
            { nodeId: id, related: [edge.to] },
          ),
        );
      } else if (ids.has(id) && node.kind === 'job' && target && isContainer(target)) {
        ctx.out.push(
          problem(
            'HANDLER_IN_GRAPH',
            `Handler "${id}" waits for "${edge.to}": a handler runs after the run and waits for no service or job.`,
            nodePath(id, ...edge.field),
            { nodeId: id, related: [edge.to] },
          ),
        );
      }
    }
  }
}
