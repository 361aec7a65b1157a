import { randomBytes } from 'node:crypto';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { EventMessage } from '../../shared/ipc/envelope';
import type { BatchInfo, EventSource, Replay, Unsubscribe } from '../../shared/ipc/transport';
import { systemClock, type Clock, type Timer } from '../common/clock';
import { processSecrets, type SecretValues } from '../common/secret-values';

/** How much the hub keeps for clients that reconnect: the newest batches, up to this many events, */
export const REPLAY_EVENTS = 20_000;
/**
 * and no older than this. The key metrics alone are pushed every second (some 17 KB with 20
 * services): kept by count only, they would fill the bound over five hours, hundreds of MB.
 */
export const REPLAY_MS = 5 * 60_000;

/*
 * A batch is sent early once it holds this many events or this much text: every frame must fit
 * the wire's limits on both ends (1 MiB, 100,000 JSON members: see electron/server/web-limits.ts),
 * or the receiving end refuses it whole. A 50,000-line burst is then 50 frames, not one.
 */
export const MAX_BATCH_EVENTS = 1_000;
export const MAX_BATCH_TEXT_CHARS = 256 * 1024;

/**
 * Collects pushed events from services and hands them to transports in batches, one frame per
 * interval, so a burst of thousands of events costs a handful of messages. Known secret values
 * are masked in every payload (a node's error, a line of output) before it leaves. Each batch is
 * numbered in this process's sequence (`epoch`), and the newest are kept, so a client whose link
 * dropped gets what it missed when it comes back.
 */
export class EventHub implements EventSource {
  private queue: EventMessage[] = [];
  /** Characters of text (log lines) queued: what makes a batch big. */
  private queuedText = 0;
  private timer: Timer | undefined;
  private readonly listeners = new Set<(events: EventMessage[], batch?: BatchInfo) => void>();
  readonly epoch = randomBytes(8).toString('hex');
  private seq = 0;
  private kept: Array<{ seq: number; at: number; events: EventMessage[] }> = [];
  private keptEvents = 0;

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly intervalMs = 100,
    private readonly secrets: SecretValues = processSecrets,
    private readonly replayEvents = REPLAY_EVENTS,
    private readonly replayMs = REPLAY_MS,
  ) {}

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const masked = this.secrets.maskDeep(payload);
    this.queue.push({ event, payload: masked });
    const text = (masked as { text?: unknown }).text;
    if (typeof text === 'string') this.queuedText += text.length;
    if (this.queue.length >= MAX_BATCH_EVENTS || this.queuedText >= MAX_BATCH_TEXT_CHARS) this.flush();
    else this.timer ??= this.clock.setTimeout(() => this.flush(), this.intervalMs);
  }

  subscribe(listener: (events: EventMessage[], batch?: BatchInfo) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The batches after `since`, when `epoch` is this process's and they are all still kept. */
  replay(epoch: string | undefined, since: number | undefined): Replay {
    const current = { epoch: this.epoch, seq: this.seq };
    if (epoch !== this.epoch || since === undefined || since > this.seq) return current;
    const first = this.kept[0]?.seq ?? this.seq + 1;
    if (since + 1 < first) return current;
    return { ...current, batches: this.kept.filter((batch) => batch.seq > since) };
  }

  /** Sends what is queued now (also used on shutdown so nothing queued is lost). */
  flush(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    const events = this.queue;
    this.queue = [];
    this.queuedText = 0;
    const batch = { seq: ++this.seq, epoch: this.epoch };
    this.keep(batch.seq, events);
    for (const listener of [...this.listeners]) listener(events, batch);
  }

  private keep(seq: number, events: EventMessage[]): void {
    const now = this.clock.now();
    this.kept.push({ seq, at: now, events });
    this.keptEvents += events.length;
    while (
      this.kept.length > 1 &&
      (this.keptEvents > this.replayEvents || this.kept[0]!.at < now - this.replayMs)
    ) {
      this.keptEvents -= this.kept.shift()!.events.length;
    }
  }

  dispose(): void {
    this.flush();
    this.listeners.clear();
    this.kept = [];
    this.keptEvents = 0;
  }
}
