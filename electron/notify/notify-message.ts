import { createHash } from 'node:crypto';
import type { NotificationEvent } from '../../shared/topology/workflow-parts';

/** Where a target was named: the settings (every project) or a topology (its own runs). */
export type TargetSource = 'settings' | 'topology';

/** One notification for one target, as kept in the outbox until it is delivered or given up on. */
export interface OutboxMessage {
  /** The `Idempotency-Key`: the same event for the same URL always has the same one. */
  id: string;
  url: string;
  source: TargetSource;
  project: string;
  event: NotificationEvent;
  body: Record<string, unknown>;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Given up on after this (epoch ms). */
  deadlineAt: number;
  lastError?: string;
}

/**
 * A key from what the message is about (event, subject, URL), so a message enqueued twice (two
 * processes, a retried hook) is one message to the receiver.
 */
export function messageKey(event: NotificationEvent, subject: string, url: string): string {
  return createHash('sha256').update(`${event}\n${subject}\n${url}`).digest('hex').slice(0, 40);
}

/** A URL as shown in the status and logs: without its query and fragment (webhook tokens live there). */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}

/** The key a target's status is kept under. */
export function targetKey(source: TargetSource, project: string | undefined, url: string): string {
  return `${source}\n${source === 'topology' ? (project ?? '') : ''}\n${url}`;
}
