import { useEffect, useId, useState } from 'react';
import type { NotifyTargetStatus } from '../../../shared/ipc/contract';
import {
  ALL_NOTIFICATION_EVENTS,
  NOTIFICATION_EVENT_LABEL as EVENT_LABEL,
} from '../../../shared/topology/workflow-parts';
import { useApi } from '../api/api-context';
import { longTime } from '../schedule/schedule-text';
import type { DraftErrors, SettingsDraft } from './settings-draft';

type Change = (change: Partial<SettingsDraft>) => void;

/**
 * A URL as the main side's status names it (electron/notify's displayUrl: the origin and path,
 * without the query where webhook tokens usually are), to find a settings row's status.
 */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A target's delivery state in words: delivered, retrying (next attempt), circuit open, failed. */
export function deliveryText(status: NotifyTargetStatus): string {
  const parts: (string | undefined)[] = [];
  const error = status.lastError ? `last error: ${status.lastError}` : undefined;
  const next = status.nextAttemptAt ? `next attempt ${longTime(status.nextAttemptAt)}` : undefined;
  switch (status.state) {
    case 'idle':
      parts.push(status.delivered > 0 ? `Delivered ${status.delivered}` : 'Nothing sent yet');
      break;
    case 'delivered':
      parts.push(
        `Delivered ${status.delivered}${status.lastDeliveredAt ? ` (last ${longTime(status.lastDeliveredAt)})` : ''}`,
      );
      break;
    case 'retrying':
      parts.push(`Retrying: ${count(status.pending, 'message')} waiting`, next, error);
      break;
    case 'circuit-open':
      parts.push(
        `Circuit open: its host failed ${status.breakerFailures ? `${status.breakerFailures} times in a row` : 'again and again'}; ${count(status.pending, 'message')} waiting`,
        next,
        error,
      );
      break;
    case 'failed':
      parts.push(`Failed: ${count(status.dropped, 'message')} given up on`, error);
      break;
  }
  if (status.state !== 'delivered' && status.state !== 'idle' && status.delivered > 0)
    parts.push(`${status.delivered} delivered before`);
  return parts.filter(Boolean).join('; ');
}

/** `notify.status` at open, then its events, while the dialog is open; null until the first answer. */
function useNotifyStatus(): { targets: NotifyTargetStatus[] | null; error: string | null } {
  const api = useApi();
  const [targets, setTargets] = useState<NotifyTargetStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const off = api.subscribe('notify.status', (status) => setTargets(status.targets));
    api.notify.status().then(
      (status) => {
        if (live) setTargets((current) => current ?? status.targets);
      },
      (e: unknown) => {
        if (live)
          setError(`The delivery state could not be read: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return { targets, error };
}

/**
 * Webhooks told of every project's run ends and unhealthy services (`notifications` in the
 * settings), each with how its deliveries go; and, below, the targets of topologies that this
 * process has sent to.
 */
export function NotificationsSection({
  draft,
  errors,
  change,
  saved,
}: {
  draft: SettingsDraft;
  errors: DraftErrors;
  change: Change;
  /** The URLs in the settings as saved: a row not among them has no delivery state yet. */
  saved: readonly string[];
}) {
  const id = useId();
  const { targets, error } = useNotifyStatus();
  const setRow = (index: number, part: Partial<SettingsDraft['notifications'][number]>) =>
    change({ notifications: draft.notifications.map((row, i) => (i === index ? { ...row, ...part } : row)) });
  const statusOf = (url: string) =>
    targets?.find((t) => t.source === 'settings' && t.url === shownUrl(url.trim()));
  const others = (targets ?? []).filter((t) => t.source === 'topology');
  return (
    <fieldset className="settings-group">
      <legend>Notifications</legend>
      <p className="dialog__note">
        Webhooks told of every project&apos;s run ends and unhealthy services (a topology&apos;s own are in
        its inspector). Each message is sent at least once, retried with backoff.
      </p>
      {draft.notifications.map((row, index) => {
        const status = saved.includes(row.url.trim()) ? statusOf(row.url) : undefined;
        const statusText =
          row.url.trim() === ''
            ? null
            : !saved.includes(row.url.trim())
              ? 'Not saved yet.'
              : status
                ? deliveryText(status)
                : targets === null
                  ? (error ?? 'Reading the delivery state…')
                  : 'Nothing sent yet';
        return (
          <div key={index} className="settings-webhook" data-testid={`webhook-${index + 1}`}>
            <div className="dialog__field">
              <label htmlFor={`${id}-url-${index}`}>Webhook {index + 1} URL</label>
              <input
                id={`${id}-url-${index}`}
                type="url"
                spellCheck={false}
                placeholder="https://hooks.example.com/…"
                value={row.url}
                aria-describedby={statusText ? `${id}-state-${index}` : undefined}
                onChange={(event) => setRow(index, { url: event.target.value })}
              />
            </div>
            <div
              className="settings-webhook__events"
              role="group"
              aria-label={`Events sent to webhook ${index + 1}`}
            >
              {ALL_NOTIFICATION_EVENTS.map((event) => (
                <label key={event}>
                  <input
                    type="checkbox"
                    checked={row.events.includes(event)}
                    onChange={(e) =>
                      setRow(index, {
                        events: ALL_NOTIFICATION_EVENTS.filter((x) =>
                          x === event ? e.target.checked : row.events.includes(x),
                        ),
                      })
                    }
                  />{' '}
                  {EVENT_LABEL[event]}
                </label>
              ))}
              <button
                type="button"
                aria-label={`Remove webhook ${index + 1}`}
                onClick={() => change({ notifications: draft.notifications.filter((_, i) => i !== index) })}
              >
                Remove
              </button>
            </div>
            {statusText && (
              <p
                className={`dialog__note settings-webhook__state settings-webhook__state--${status?.state ?? 'none'}`}
                id={`${id}-state-${index}`}
              >
                {statusText}
              </p>
            )}
          </div>
        );
      })}
      {errors.notifications && <p className="dialog__error">{errors.notifications}</p>}
      <button
        type="button"
        onClick={() =>
          change({
            notifications: [...draft.notifications, { url: '', events: [...ALL_NOTIFICATION_EVENTS] }],
          })
        }
      >
        Add webhook
      </button>
      {others.length > 0 && (
        <div className="settings-webhook__others">
          <p className="dialog__note">Webhooks of topologies this session sent to:</p>
          <ul aria-label="Webhooks of topologies">
            {others.map((t) => (
              <li key={`${t.project ?? ''}\n${t.url}`}>
                <code>{t.url}</code> ({t.project ?? 'a topology'}): {deliveryText(t)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  );
}
