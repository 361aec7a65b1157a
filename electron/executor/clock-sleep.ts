import type { Clock } from '../common/clock';
import { TaskError } from './task-error';

/** Waits on the injected clock; rejects with a `cancelled` TaskError as soon as `signal` aborts. */
export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new TaskError('cancelled', 'cancelled'));
      return;
    }
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      reject(new TaskError('cancelled', 'cancelled'));
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
