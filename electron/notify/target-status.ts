import type { NotifyTargetState, NotifyTargetStatus } from '../../shared/ipc/workflow-contract';
import { ALL_NOTIFICATION_EVENTS, type NotificationEvent } from '../../shared/topology/workflow-parts';
import { displayUrl, targetKey, type OutboxMessage, type TargetSource } from './notify-message';

interface Counters {
  url: string;
  source: TargetSource;
  project?: string;
  events: NotificationEvent[];
  delivered: number;
  failedAttempts: number;
  dropped: number;
  circuitOpen: boolean;
  lastDeliveredAt?: number;
  lastError?: string;
  lastErrorAt?: number;
}

/** What each target has seen (counters in memory), joined with what the outbox holds for it. */
export class TargetStatuses {
  private readonly targets = new Map<string, Counters>();

  /** The targets named now (the settings' ones are always shown, even before any message). */
  declare(
    source: TargetSource,
    project: string | undefined,
    url: string,
    events: readonly NotificationEvent[],
  ): void {
    const entry = this.entry(source, project, url);
    entry.events = [...events];
  }

  /** Forgets settings targets that are no longer in the settings and have nothing pending. */
  retainSettings(urls: ReadonlySet<string>, pending: readonly OutboxMessage[]): void {
    for (const [key, entry] of this.targets) {
      if (entry.source !== 'settings' || urls.has(entry.url)) continue;
      if (pending.some((m) => m.source === 'settings' && m.url === entry.url)) continue;
      this.targets.delete(key);
    }
  }

  private entry(source: TargetSource, project: string | undefined, url: string): Counters {
    const key = targetKey(source, project, url);
    let entry = this.targets.get(key);
    if (!entry) {
      entry = {
        url,
        source,
        ...(source === 'topology' && project !== undefined ? { project } : {}),
        events: [...ALL_NOTIFICATION_EVENTS],
        delivered: 0,
        failedAttempts: 0,
        dropped: 0,
        circuitOpen: false,
      };
      this.targets.set(key, entry);
    }
    return entry;
  }

  delivered(message: OutboxMessage, at: number): void {
    const entry = this.entry(message.source, message.project, message.url);
    entry.delivered++;
    entry.circuitOpen = false;
    entry.lastDeliveredAt = at;
  }

  failed(message: OutboxMessage, error: string, at: number, circuitOpen: boolean): void {
    const entry = this.entry(message.source, message.project, message.url);
    if (!circuitOpen) entry.failedAttempts++;
    entry.circuitOpen = circuitOpen;
    entry.lastError = error;
    entry.lastErrorAt = at;
  }

  dropped(message: OutboxMessage): void {
    this.entry(message.source, message.project, message.url).dropped++;
  }

  /** Each target's state; `breakerFailures` is the failures in a row that open a host's circuit. */
  view(pending: readonly OutboxMessage[], breakerFailures: number): NotifyTargetStatus[] {
    return [...this.targets.values()].map((entry) => {
      const mine = pending.filter(
        (m) =>
          m.url === entry.url &&
          m.source === entry.source &&
          (entry.source === 'settings' || m.project === entry.project),
      );
      const next = mine.length > 0 ? Math.min(...mine.map((m) => m.nextAttemptAt)) : undefined;
      const state: NotifyTargetState =
        mine.length > 0
          ? entry.circuitOpen
            ? 'circuit-open'
            : 'retrying'
          : entry.lastDeliveredAt !== undefined && (entry.lastErrorAt ?? 0) <= entry.lastDeliveredAt
            ? 'delivered'
            : entry.dropped > 0
              ? 'failed'
              : 'idle';
      return {
        url: displayUrl(entry.url),
        source: entry.source,
        ...(entry.project !== undefined ? { project: entry.project } : {}),
        events: entry.events,
        state,
        pending: mine.length,
        delivered: entry.delivered,
        failedAttempts: entry.failedAttempts,
        dropped: entry.dropped,
        breakerFailures,
        ...(entry.lastDeliveredAt !== undefined
          ? { lastDeliveredAt: new Date(entry.lastDeliveredAt).toISOString() }
          : {}),
        ...(entry.lastError !== undefined ? { lastError: entry.lastError } : {}),
        ...(entry.lastErrorAt !== undefined
          ? { lastErrorAt: new Date(entry.lastErrorAt).toISOString() }
          : {}),
        ...(next !== undefined && mine.length > 0 ? { nextAttemptAt: new Date(next).toISOString() } : {}),
      };
    });
  }
}
