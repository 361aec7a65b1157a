import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { EventMessage } from '../../shared/ipc/envelope';
import type { EventSource, Unsubscribe } from '../../shared/ipc/transport';
import { systemClock, type Clock, type Timer } from '../common/clock';
import { processSecrets, type SecretValues } from '../common/secret-values';

/**
 * Collects pushed events from services and hands them to transports in batches, one frame per
 * interval, so a burst of thousands of events costs a handful of messages. Known secret values
 * are masked in every payload (a node's error, a line of output) before it leaves.
 */
export class EventHub implements EventSource {
  private queue: EventMessage[] = [];
  private timer: Timer | undefined;
  private readonly listeners = new Set<(events: EventMessage[]) => void>();

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly intervalMs = 100,
    private readonly secrets: SecretValues = processSecrets,
  ) {}

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.queue.push({ event, payload: this.secrets.maskDeep(payload) });
    this.timer ??= this.clock.setTimeout(() => this.flush(), this.intervalMs);
  }

  subscribe(listener: (events: EventMessage[]) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends what is queued now (also used on shutdown so nothing queued is lost). */
  flush(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    for (const listener of [...this.listeners]) listener(batch);
  }

  dispose(): void {
    this.flush();
    this.listeners.clear();
  }
}
