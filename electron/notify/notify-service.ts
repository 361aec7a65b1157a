import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { NotifyStatus } from '../../shared/ipc/workflow-contract';
import {
  targetEvents,
  type NotificationEvent,
  type NotificationTarget,
} from '../../shared/topology/workflow-parts';
import { notificationUrlProblem } from '../../shared/topology/validate-workflows';
import { systemClock, type Clock, type Timer } from '../common/clock';
import type { Logger } from '../common/logger';
import { processSecrets } from '../common/secret-values';
import { fullJitterDelay, type RetryDelays } from './full-jitter';
import { displayUrl, messageKey, type OutboxMessage, type TargetSource } from './notify-message';
import { OutboxStore } from './outbox-store';
import { TargetStatuses } from './target-status';
import { DeliveryError, postWebhook } from './webhook-post';

export interface NotifyServiceOptions {
  dataDir: string;
  logger: Logger;
  clock?: Clock;
  random?: () => number;
  /** Between attempts: exponential with full jitter (default 1 s, growing to 5 min). */
  delays?: RetryDelays;
  /** One HTTP call's deadline (default 10 s). */
  timeoutMs?: number;
  /** A message not delivered this long after it was made is given up on (default 24 h). */
  maxAgeMs?: number;
  /** Per target host: this many failures in a row open its circuit, for `halfOpenAfterMs`. */
  breaker?: { consecutiveFailures: number; halfOpenAfterMs: number };
  /** The HTTP call (tests replace it). */
  post?: (message: OutboxMessage, timeoutMs: number) => Promise<void>;
  onStatus?: (status: NotifyStatus) => void;
}

/** What happened, to be told to the targets that listen for it. */
export interface Notification {
  event: NotificationEvent;
  /** What it is about (a run id; a run, service and time): with the URL, the idempotency key. */
  subject: string;
  project: string;
  body: Record<string, unknown>;
  targets: ReadonlyArray<{ target: NotificationTarget; source: TargetSource }>;
}

const DEFAULTS = {
  delays: { initialMs: 1_000, maxMs: 5 * 60_000 },
  timeoutMs: 10_000,
  maxAgeMs: 24 * 60 * 60_000,
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
};

/**
 * Webhook notifications, delivered at least once: each is written to the outbox on disk before it
 * is sent, sent with an `Idempotency-Key`, retried with exponential backoff and full jitter until
 * delivered or too old, behind a circuit breaker per target host; a process that starts sends
 * what an earlier one left in the outbox.
 */
export class NotifyService {
  private readonly store: OutboxStore;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly pending = new Map<string, OutboxMessage>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();
  private readonly statuses = new TargetStatuses();
  private readonly settings = {
    delays: DEFAULTS.delays,
    timeoutMs: 0,
    maxAgeMs: 0,
    breaker: DEFAULTS.breaker,
  };
  private timer: Timer | undefined;
  private loaded: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly options: NotifyServiceOptions) {
    this.store = new OutboxStore(options.dataDir);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.settings = {
      delays: options.delays ?? DEFAULTS.delays,
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxAgeMs: options.maxAgeMs ?? DEFAULTS.maxAgeMs,
      breaker: options.breaker ?? DEFAULTS.breaker,
    };
  }

  /** Loads what an earlier process left in the outbox and starts sending it. */
  start(): Promise<void> {
    this.loaded ??= this.store.all().then((messages) => {
      for (const message of messages)
        if (!this.pending.has(message.id)) this.pending.set(message.id, message);
      if (messages.length > 0)
        this.options.logger.info({ pending: messages.length }, 'notifications left to send');
      this.changed();
      this.schedule();
    });
    return this.loaded;
  }

  /** The targets the settings name (shown in the status before anything is sent to them). */
  setSettingsTargets(targets: readonly NotificationTarget[]): void {
    for (const target of targets)
      this.statuses.declare('settings', undefined, target.url, targetEvents(target));
    this.statuses.retainSettings(new Set(targets.map((t) => t.url)), [...this.pending.values()]);
    this.changed();
  }

  /** Puts a message for each target that listens to the event into the outbox, then sends them. */
  async notify(notification: Notification): Promise<void> {
    await this.start();
    const now = this.clock.now();
    for (const { target, source } of notification.targets) {
      if (!targetEvents(target).includes(notification.event)) continue;
      const wrong = notificationUrlProblem(target.url);
      if (wrong) {
        this.options.logger.warn(
          { url: displayUrl(target.url), source },
          `notification target skipped: ${wrong}`,
        );
        continue;
      }
      this.statuses.declare(source, notification.project, target.url, targetEvents(target));
      const id = messageKey(notification.event, notification.subject, target.url);
      if (this.pending.has(id)) continue;
      const message: OutboxMessage = {
        id,
        url: target.url,
        source,
        project: notification.project,
        event: notification.event,
        // Known secret values never leave in a body (an error message may quote one).
        body: processSecrets.maskDeep({ id, ...notification.body }),
        createdAt: now,
        attempts: 0,
        nextAttemptAt: now,
        deadlineAt: now + this.settings.maxAgeMs,
      };
      await this.store.put(message);
      this.pending.set(id, message);
    }
    this.changed();
    this.schedule();
  }

  status(): NotifyStatus {
    return {
      targets: this.statuses.view([...this.pending.values()], this.settings.breaker.consecutiveFailures),
    };
  }

  private changed(): void {
    this.options.onStatus?.(this.status());
  }

  private schedule(): void {
    if (this.disposed) return;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = [...this.pending.values()].filter((m) => !this.inFlight.has(m.id));
    if (waiting.length === 0) return;
    const due = Math.min(...waiting.map((m) => m.nextAttemptAt));
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(0, due - this.clock.now()),
    );
    this.timer.unref?.();
  }

  private pump(): void {
    const now = this.clock.now();
    for (const message of this.pending.values()) {
      if (this.inFlight.has(message.id) || message.nextAttemptAt > now) continue;
      const attempt = this.attempt(message).finally(() => {
        this.inFlight.delete(message.id);
        this.changed();
        this.schedule();
      });
      this.inFlight.set(message.id, attempt);
    }
    this.schedule();
  }

  private breakerFor(url: string): CircuitBreakerPolicy {
    const host = new URL(url).host;
    let breaker = this.breakers.get(host);
    if (!breaker) {
      breaker = circuitBreaker(
        handleWhen((error) => !(error instanceof DeliveryError && error.permanent)),
        {
          halfOpenAfter: this.settings.breaker.halfOpenAfterMs,
          breaker: new ConsecutiveBreaker(this.settings.breaker.consecutiveFailures),
        },
      );
      this.breakers.set(host, breaker);
    }
    return breaker;
  }

  private async attempt(message: OutboxMessage): Promise<void> {
    const logger = this.options.logger.child({ notification: message.id, url: displayUrl(message.url) });
    // Another process sharing the data directory may have delivered it already.
    if (!(await this.store.has(message.id))) {
      this.pending.delete(message.id);
      return;
    }
    const breaker = this.breakerFor(message.url);
    const post = this.options.post ?? postWebhook;
    try {
      await breaker.execute(() => post(message, this.settings.timeoutMs));
      await this.store.remove(message.id);
      this.pending.delete(message.id);
      this.statuses.delivered(message, this.clock.now());
      logger.info({ event: message.event, attempts: message.attempts + 1 }, 'notification delivered');
    } catch (error) {
      await this.failed(message, error, breaker, logger);
    }
  }

  private async failed(
    message: OutboxMessage,
    error: unknown,
    breaker: CircuitBreakerPolicy,
    logger: Logger,
  ): Promise<void> {
    const now = this.clock.now();
    const open = error instanceof BrokenCircuitError || breaker.state === CircuitState.Open;
    const text = error instanceof BrokenCircuitError ? 'circuit open' : (error as Error).message;
    if (!(error instanceof BrokenCircuitError)) message.attempts++;
    this.statuses.failed(message, text, now, open);
    const permanent = error instanceof DeliveryError && error.permanent;
    if (permanent || now >= message.deadlineAt) {
      await this.store.remove(message.id);
      this.pending.delete(message.id);
      this.statuses.dropped(message);
      logger.warn({ error: text, attempts: message.attempts }, 'notification given up');
      return;
    }
    let delay = fullJitterDelay(Math.max(1, message.attempts), this.settings.delays, this.random);
    // An open circuit is tried again once it half-opens, not before.
    if (open) delay = Math.max(delay, this.settings.breaker.halfOpenAfterMs);
    message.nextAttemptAt = now + delay;
    message.lastError = text;
    await this.store.put(message).catch((e: unknown) => logger.warn({ err: e }, 'outbox write failed'));
    logger.info({ error: text, attempts: message.attempts, delayMs: delay }, 'notification will be retried');
  }

  /** Stops the timer and waits for the calls in flight (each bounded by its timeout). */
  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all(this.inFlight.values());
  }
}
