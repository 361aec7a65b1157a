import { z } from 'zod';
import { NodeId } from './model-parts';

/*
 * Run handlers: jobs a topology runs when a run ends, chosen by how it ended. Plain data and
 * pure helpers here; validate-handlers.ts checks them, electron/runs/run-handlers.ts runs them.
 */

const HandlerList = z.array(NodeId);

export const RunHandlers = z
  .strictObject({
    onSuccess: HandlerList.optional().describe('Jobs run when every node of the run succeeded.'),
    onFailure: HandlerList.optional().describe('Jobs run when a node failed (or was skipped for one).'),
    onExit: HandlerList.optional().describe('Jobs run whenever a run ends: succeeded, failed or cancelled.'),
  })
  .describe(
    'Jobs run after a run ends, with DOCKWRIGHT_RUN_STATUS (succeeded, failed or cancelled) and DOCKWRIGHT_FAILED_NODES (comma-separated ids) in their environment. A handler job is not part of the normal graph: nothing depends on it and it waits for no service or job.',
  )
  .meta({ id: 'RunHandlers' });
export type RunHandlers = z.infer<typeof RunHandlers>;

export type HandlerEvent = keyof RunHandlers;
export const HANDLER_EVENTS: readonly HandlerEvent[] = ['onSuccess', 'onFailure', 'onExit'];

/** How a run ended, as its handlers are told. */
export type EndedStatus = 'succeeded' | 'failed' | 'cancelled';

/** Every node the topology names as a handler, in any event. */
export function handlerIds(handlers: RunHandlers | undefined): Set<string> {
  const ids = new Set<string>();
  for (const event of HANDLER_EVENTS) for (const id of handlers?.[event] ?? []) ids.add(id);
  return ids;
}

/** The handlers to run for a run that ended so, each once, in the order named. */
export function handlersFor(handlers: RunHandlers | undefined, status: EndedStatus): string[] {
  const events: HandlerEvent[] =
    status === 'succeeded'
      ? ['onSuccess', 'onExit']
      : status === 'failed'
        ? ['onFailure', 'onExit']
        : ['onExit'];
  return [...new Set(events.flatMap((event) => handlers?.[event] ?? []))];
}
