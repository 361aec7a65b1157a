import type { Topology } from '../../../shared/topology';
import type { RunHeader } from '../store/runtime-slice';

/*
 * One Run intent, one idempotency key. A click on the same document while its start is still in
 * flight (a double click), or while the run it started is still starting, sends the same key, so
 * the main side answers with that one run. Any later click is a new intent with a new key,
 * whatever became of the last run (finished, failed, cancelled or cleaned up): Run after Clean
 * up starts a new run, also on a document that was not edited.
 */

interface Intent {
  readonly key: string;
  /** Starts with this key not yet answered. */
  inFlight: number;
}

const intents = new WeakMap<Topology, Intent>();

/** Whether the run shown was started with the key (a profile suffix may follow it). */
function startedWith(run: RunHeader | null, key: string): boolean {
  return run !== null && (run.idempotencyKey === key || run.idempotencyKey.startsWith(`${key}-`));
}

/** The key a Run click on `doc` sends now, given the run the window shows. */
export function idempotencyKeyFor(doc: Topology, run: RunHeader | null): string {
  const intent = intents.get(doc);
  if (intent && (intent.inFlight > 0 || (run?.state === 'running' && startedWith(run, intent.key))))
    return intent.key;
  const key = `ui-${crypto.randomUUID()}`;
  intents.set(doc, { key, inFlight: 0 });
  return key;
}

/** Starts with the key of this click (see above); the key is in flight until `start` settles. */
export async function startIntent<T>(
  doc: Topology,
  run: RunHeader | null,
  start: (idempotencyKey: string) => Promise<T>,
): Promise<T> {
  const key = idempotencyKeyFor(doc, run);
  const intent = intents.get(doc)!;
  intent.inFlight += 1;
  try {
    return await start(key);
  } finally {
    intent.inFlight -= 1;
  }
}
